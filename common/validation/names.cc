#include "common/validation/names.h"

#include <arpa/inet.h>

#include <regex>

#include "absl/strings/ascii.h"
#include "common/util/strings.h"

namespace kube::validation {
namespace {

constexpr std::string_view kDns1123LabelPattern = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
constexpr std::string_view kDns1123SubdomainPattern =
    "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
constexpr std::string_view kDns1035LabelPattern = "[a-z]([-a-z0-9]*[a-z0-9])?";
constexpr std::string_view kQualifiedNamePattern = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
constexpr char kQualifiedNameMessage[] =
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with "
    "an alphanumeric character";
constexpr std::string_view kLabelValuePattern = "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?";

bool FullMatch(std::string_view value, std::string_view pattern) {
  // std::regex is slow to build; each pattern is compiled once per thread.
  thread_local std::vector<std::pair<std::string, std::regex>> cache;
  for (const auto& [text, regex] : cache) {
    if (text == pattern) return std::regex_match(value.begin(), value.end(), regex);
  }
  cache.emplace_back(std::string(pattern), std::regex(std::string(pattern)));
  return std::regex_match(value.begin(), value.end(), cache.back().second);
}

std::string MaxLength(size_t length) {
  return StrCat("must be no more than ", length, " characters");
}

std::string RegexError(std::string_view message, std::string_view pattern,
                       std::vector<std::string_view> examples) {
  std::string text(message);
  if (!examples.empty()) {
    StrAppend(&text, " (e.g. ");
    for (size_t i = 0; i < examples.size(); ++i) {
      if (i > 0) StrAppend(&text, ",  or ");
      StrAppend(&text, "'", examples[i], "'");
    }
    StrAppend(&text, ", regex used for validation is '", pattern, "')");
  } else {
    StrAppend(&text, " (regex used for validation is '", pattern, "')");
  }
  return text;
}

// ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]
bool MatchesQualifiedName(std::string_view s) {
  if (s.empty()) return false;
  if (!absl::ascii_isalnum(s.front()) || !absl::ascii_isalnum(s.back())) return false;
  for (char c : s) {
    if (!absl::ascii_isalnum(c) && c != '-' && c != '_' && c != '.') return false;
  }
  return true;
}

// [a-z0-9]([-a-z0-9]*[a-z0-9])?
bool MatchesDNS1123Label(std::string_view s) {
  const auto lower_alnum = [](char c) { return absl::ascii_islower(c) || absl::ascii_isdigit(c); };
  if (s.empty() || !lower_alnum(s.front()) || !lower_alnum(s.back())) return false;
  for (char c : s) {
    if (!lower_alnum(c) && c != '-') return false;
  }
  return true;
}

}  // namespace

std::vector<std::string> IsDns1123Subdomain(std::string_view value) {
  std::vector<std::string> errs;
  if (value.size() > 253) {
    errs.push_back(MaxLength(253));
  }
  bool matches = true;
  for (std::string_view rest = value;;) {
    const size_t dot = rest.find('.');
    matches = matches && MatchesDNS1123Label(rest.substr(0, dot));
    if (dot == std::string_view::npos) break;
    rest.remove_prefix(dot + 1);
  }
  if (!matches) {
    errs.push_back(RegexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character", kDns1123SubdomainPattern, {"example.com"}));
  }
  return errs;
}

std::vector<std::string> IsWildcardDns1123Subdomain(std::string_view value) {
  std::vector<std::string> errs;
  if (value.size() > 253) errs.push_back(MaxLength(253));
  bool matches = value.size() > 2 && value.substr(0, 2) == "*.";
  for (std::string_view rest = matches ? value.substr(2) : "";;) {
    const size_t dot = rest.find('.');
    matches = matches && MatchesDNS1123Label(rest.substr(0, dot));
    if (dot == std::string_view::npos) break;
    rest.remove_prefix(dot + 1);
  }
  if (!matches) {
    errs.push_back(RegexError(
        "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, "
        "which must consist of lower case alphanumeric characters, '-' or '.' and end with an "
        "alphanumeric character",
        StrCat("\\*\\.", kDns1123SubdomainPattern), {"*.example.com"}));
  }
  return errs;
}

std::vector<std::string> IsDns1123Label(std::string_view value) {
  std::vector<std::string> errors;
  if (value.size() > 63) errors.push_back(MaxLength(63));
  if (!FullMatch(value, kDns1123LabelPattern)) {
    errors.push_back(RegexError(
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', "
        "and must start and end with an alphanumeric character",
        kDns1123LabelPattern, {"my-name", "123-abc"}));
  }
  return errors;
}

std::vector<std::string> IsDns1035Label(std::string_view value) {
  std::vector<std::string> errors;
  if (value.size() > 63) errors.push_back(MaxLength(63));
  if (!FullMatch(value, kDns1035LabelPattern)) {
    errors.push_back(RegexError(
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with "
        "an alphabetic character, and end with an alphanumeric character",
        kDns1035LabelPattern, {"my-name", "abc-123"}));
  }
  return errors;
}

std::vector<std::string> IsQualifiedName(std::string_view value) {
  std::vector<std::string> errs;
  const size_t slash = value.find('/');
  std::string_view name;
  if (slash == std::string_view::npos) {
    name = value;
  } else if (value.find('/', slash + 1) == std::string_view::npos) {
    const std::string_view prefix = value.substr(0, slash);
    name = value.substr(slash + 1);
    if (prefix.empty()) {
      errs.push_back("prefix part must be non-empty");
    } else {
      for (std::string& msg : IsDns1123Subdomain(prefix)) {
        errs.push_back(StrCat("prefix part ", msg));
      }
    }
  } else {
    errs.push_back(StrCat(
        "a valid label key ",
        RegexError(kQualifiedNameMessage, kQualifiedNamePattern, {"MyName", "my.name", "123-abc"}),
        " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"));
    return errs;
  }
  if (name.empty()) {
    errs.push_back("name part must be non-empty");
  } else if (name.size() > 63) {
    errs.push_back(StrCat("name part ", MaxLength(63)));
  }
  if (!MatchesQualifiedName(name)) {
    errs.push_back(StrCat("name part ", RegexError(kQualifiedNameMessage, kQualifiedNamePattern,
                                                         {"MyName", "my.name", "123-abc"})));
  }
  return errs;
}

std::vector<std::string> IsValidLabelValue(std::string_view value) {
  std::vector<std::string> errs;
  if (value.size() > 63) errs.push_back(MaxLength(63));
  if (!value.empty() && !MatchesQualifiedName(value)) {
    errs.push_back(RegexError("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", kLabelValuePattern, {"MyValue", "my_value", "12345"}));
  }
  return errs;
}

std::vector<std::string> IsValidPathSegmentName(std::string_view value) {
  if (value == "." || value == "..") {
    return {StrCat("may not be '", value, "'")};
  }
  std::vector<std::string> errors;
  if (value.find('/') != std::string_view::npos) errors.push_back("may not contain '/'");
  if (value.find('%') != std::string_view::npos) errors.push_back("may not contain '%'");
  return errors;
}

std::vector<std::string> IsValidPortName(std::string_view value) {
  std::vector<std::string> errors;
  if (value.size() > 15) errors.push_back(MaxLength(15));
  if (!FullMatch(value, "[-a-z0-9]+")) {
    errors.push_back("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
  }
  if (!FullMatch(value, ".*[a-z].*")) errors.push_back("must contain at least one letter (a-z)");
  if (value.find("--") != std::string_view::npos) {
    errors.push_back("must not contain consecutive hyphens");
  }
  if (!value.empty() && (value.front() == '-' || value.back() == '-')) {
    errors.push_back("must not begin or end with a hyphen");
  }
  return errors;
}

std::vector<std::string> IsEnvVarName(std::string_view value) {
  std::vector<std::string> errors;
  if (!FullMatch(value, "[-._a-zA-Z][-._a-zA-Z0-9]*")) {
    errors.push_back(RegexError(
        "a valid environment variable name must consist of alphabetic characters, digits, '_', "
        "'-', or '.', and must not start with a digit",
        "[-._a-zA-Z][-._a-zA-Z0-9]*", {"my.env-name", "MY_ENV.NAME", "MyEnvName1"}));
  }
  return errors;
}

std::vector<std::string> IsConfigMapKey(std::string_view value) {
  std::vector<std::string> errors;
  if (value.size() > 253) errors.push_back(MaxLength(253));
  if (!FullMatch(value, "[-._a-zA-Z0-9]+")) {
    errors.push_back(RegexError(
        "a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
        "[-._a-zA-Z0-9]+", {"key.name", "KEY_NAME", "key-name"}));
  }
  if (value == "." || value == "..") errors.push_back(StrCat("must not be '", value, "'"));
  return errors;
}

std::vector<std::string> IsValidPortNumber(int64_t port) {
  if (port >= 1 && port <= 65535) return {};
  return {"must be between 1 and 65535, inclusive"};
}

std::vector<std::string> IsValidIp(std::string_view value) {
  std::string text(value);
  unsigned char buffer[16];
  if (inet_pton(AF_INET, text.c_str(), buffer) == 1 ||
      inet_pton(AF_INET6, text.c_str(), buffer) == 1) {
    return {};
  }
  return {"must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"};
}

}  // namespace kube::validation
