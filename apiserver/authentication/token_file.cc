#include "apiserver/authentication/token_file.h"

#include <fstream>
#include <sstream>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"
#include "common/util/strings.h"

namespace kube::apiserver::authentication {
namespace {

// One CSV record (RFC 4180 quoting, as Go's encoding/csv reads it).
absl::StatusOr<std::vector<std::string>> SplitCsvRecord(std::string_view line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back().push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back().push_back(c);
      }
    } else if (c == '"' && fields.back().empty()) {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else {
      fields.back().push_back(c);
    }
  }
  if (quoted) return absl::InvalidArgumentError("extraneous or missing \" in quoted-field");
  return fields;
}

}  // namespace

absl::StatusOr<std::unique_ptr<StaticTokenAuthenticator>> StaticTokenAuthenticator::FromCsv(
    std::string_view csv) {
  std::map<std::string, auth::UserInfo> users;
  int number = 0;
  for (absl::string_view piece : absl::StrSplit(absl::string_view(csv.data(), csv.size()), '\n')) {
    ++number;
    std::string line(piece);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (absl::StripAsciiWhitespace(line).empty()) continue;
    absl::StatusOr<std::vector<std::string>> fields = SplitCsvRecord(line);
    if (!fields.ok()) {
      return absl::InvalidArgumentError(
          StrCat("token file line ", number, ": ", fields.status().message()));
    }
    if (fields->size() < 3) {
      return absl::InvalidArgumentError(StrCat(
          "token file line ", number, ": expected token,user,uid[,groups], got ", fields->size(),
          " fields"));
    }
    const std::string& token = (*fields)[0];
    if (token.empty()) continue;
    auth::UserInfo user;
    user.name = (*fields)[1];
    user.uid = (*fields)[2];
    if (fields->size() >= 4 && !(*fields)[3].empty()) {
      for (absl::string_view group : absl::StrSplit((*fields)[3], ',')) {
        group = absl::StripAsciiWhitespace(group);
        if (!group.empty()) user.groups.emplace_back(group);
      }
    }
    users[token] = std::move(user);
  }
  return std::unique_ptr<StaticTokenAuthenticator>(new StaticTokenAuthenticator(std::move(users)));
}

absl::StatusOr<std::unique_ptr<StaticTokenAuthenticator>> StaticTokenAuthenticator::FromFile(
    const std::string& path) {
  std::ifstream file(path);
  if (!file) return absl::NotFoundError(StrCat("cannot read --token-auth-file ", path));
  std::ostringstream text;
  text << file.rdbuf();
  return FromCsv(text.str());
}

absl::StatusOr<std::optional<auth::UserInfo>> StaticTokenAuthenticator::AuthenticateToken(
    const std::string& token) const {
  auto found = users_.find(token);
  if (found == users_.end()) return std::nullopt;
  return found->second;
}

}  // namespace kube::apiserver::authentication
