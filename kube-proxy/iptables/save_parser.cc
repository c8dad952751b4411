#include "kube-proxy/iptables/save_parser.h"

namespace kube::proxy::iptables {

std::map<std::string, TableState> ParseIptablesSave(std::string_view text) {
  std::map<std::string, TableState> tables;
  TableState* current = nullptr;
  while (!text.empty()) {
    const size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    if (line[0] == '*') {
      current = &tables[std::string(line.substr(1))];
    } else if (current == nullptr) {
      continue;
    } else if (line[0] == ':') {
      current->chains.insert(std::string(line.substr(1, line.find(' ') - 1)));
    } else if (line.substr(0, 3) == "-A ") {
      current->rules.insert(std::string(line));
    }
  }
  return tables;
}

}  // namespace kube::proxy::iptables
