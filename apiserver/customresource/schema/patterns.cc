#include "apiserver/customresource/schema/patterns.h"

#include <vector>

#include "apiserver/customresource/schema/schema_node.h"
#include "common/util/strings.h"

namespace kube::apiserver::crd_schema {
namespace {

RE2::Options GoOptions() {
  RE2::Options options;
  options.set_log_errors(false);
  return options;
}

// Go's regexp/syntax ErrorCode texts for RE2's equivalent codes.
std::string_view GoErrorCode(RE2::ErrorCode code) {
  switch (code) {
    case RE2::ErrorBadEscape:
      return "invalid escape sequence";
    case RE2::ErrorBadCharClass:
      return "invalid character class";
    case RE2::ErrorBadCharRange:
      return "invalid character class range";
    case RE2::ErrorMissingBracket:
      return "missing closing ]";
    case RE2::ErrorMissingParen:
      return "missing closing )";
    case RE2::ErrorTrailingBackslash:
      return "trailing backslash at end of expression";
    case RE2::ErrorRepeatArgument:
      return "missing argument to repetition operator";
    case RE2::ErrorRepeatSize:
      return "invalid repeat count";
    case RE2::ErrorRepeatOp:
      return "invalid nested repetition operator";
    case RE2::ErrorBadPerlOp:
      return "invalid or unsupported Perl syntax";
    case RE2::ErrorBadUTF8:
      return "invalid UTF-8";
    case RE2::ErrorBadNamedCapture:
      return "invalid named capture";
    case RE2::ErrorPatternTooLarge:
      return "expression too large";
    default:
      return "invalid regular expression";
  }
}

}  // namespace

SchemaPatterns::SchemaPatterns(const rapidjson::Value& schema) {
  // Iterative walk over the whole JSON tree: any "pattern" string is compiled (a
  // default or enum value holding one costs a harmless extra entry).
  std::vector<const rapidjson::Value*> stack = {&schema};
  while (!stack.empty()) {
    const rapidjson::Value* node = stack.back();
    stack.pop_back();
    if (node->IsArray()) {
      for (const auto& item : node->GetArray()) stack.push_back(&item);
      continue;
    }
    if (!node->IsObject()) continue;
    for (const auto& member : node->GetObject()) {
      if (member.value.IsString() && ToView(member.name) == "pattern") {
        std::string text(ToView(member.value));
        if (compiled_.count(text) > 0) continue;
        auto regex = std::make_unique<RE2>(text, GoOptions());
        compiled_.emplace(std::move(text), regex->ok() ? std::move(regex) : nullptr);
      } else {
        stack.push_back(&member.value);
      }
    }
  }
}

const RE2* SchemaPatterns::Find(std::string_view pattern) const {
  auto it = compiled_.find(std::string(pattern));
  return it == compiled_.end() ? nullptr : it->second.get();
}

std::string PatternError(std::string_view pattern) {
  RE2 regex(re2::StringPiece(pattern.data(), pattern.size()), GoOptions());
  if (regex.ok()) return "";
  return StrCat("error parsing regexp: ", GoErrorCode(regex.error_code()), ": `", regex.error_arg(),
                "`");
}

}  // namespace kube::apiserver::crd_schema
