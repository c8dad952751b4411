#include "kubelet/env/expansion.h"

namespace kube::kubelet {

std::string ExpandReferences(
    std::string_view input,
    const std::function<std::optional<std::string>(std::string_view)>& lookup) {
  std::string out;
  out.reserve(input.size());
  size_t i = 0;
  while (i < input.size()) {
    char c = input[i];
    if (c != '$' || i + 1 >= input.size()) {
      out.push_back(c);
      ++i;
      continue;
    }
    char next = input[i + 1];
    if (next == '$') {  // escaped
      out.push_back('$');
      i += 2;
      continue;
    }
    if (next == '(') {
      size_t close = input.find(')', i + 2);
      if (close == std::string_view::npos) {  // unterminated: literal
        out.append(input.substr(i));
        break;
      }
      std::string_view name = input.substr(i + 2, close - i - 2);
      std::optional<std::string> value = lookup(name);
      if (value) {
        out.append(*value);
      } else {
        out.append(input.substr(i, close - i + 1));
      }
      i = close + 1;
      continue;
    }
    out.push_back('$');
    ++i;
  }
  return out;
}

}  // namespace kube::kubelet
