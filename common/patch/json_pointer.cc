#include "common/patch/json_pointer.h"

#include <limits>

#include "common/patch/json_util.h"
#include "common/util/strings.h"

namespace kube::patch::internal {

absl::StatusOr<std::vector<std::string>> ParsePointer(std::string_view pointer) {
  std::vector<std::string> tokens;
  if (pointer.empty()) return tokens;
  if (pointer[0] != '/') {
    return absl::InvalidArgumentError(
        StrCat("JSON pointer ", GoQuote(pointer), " does not start with \"/\""));
  }
  size_t start = 1;
  while (true) {
    const size_t end = pointer.find('/', start);
    std::string_view raw = pointer.substr(start, end == std::string_view::npos ? end : end - start);
    std::string token;
    for (size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] == '~' && i + 1 < raw.size() && (raw[i + 1] == '0' || raw[i + 1] == '1')) {
        token += raw[i + 1] == '0' ? '~' : '/';
        ++i;
      } else {
        token += raw[i];
      }
    }
    tokens.push_back(std::move(token));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return tokens;
}

std::optional<size_t> ParseIndex(std::string_view token) {
  if (token.empty() || (token.size() > 1 && token[0] == '0')) return std::nullopt;
  size_t value = 0;
  for (char c : token) {
    if (c < '0' || c > '9') return std::nullopt;
    if (value > (std::numeric_limits<size_t>::max() - 9) / 10) return std::nullopt;
    value = value * 10 + static_cast<size_t>(c - '0');
  }
  return value;
}

rapidjson::Value* Resolve(rapidjson::Value& root, const std::vector<std::string>& tokens,
                          size_t count) {
  rapidjson::Value* current = &root;
  for (size_t i = 0; i < count && i < tokens.size(); ++i) {
    if (current->IsObject()) {
      current = FindMember(*current, tokens[i]);
    } else if (current->IsArray()) {
      std::optional<size_t> index = ParseIndex(tokens[i]);
      if (!index || *index >= current->Size()) return nullptr;
      current = &(*current)[static_cast<rapidjson::SizeType>(*index)];
    } else {
      return nullptr;
    }
    if (current == nullptr) return nullptr;
  }
  return current;
}

}  // namespace kube::patch::internal
