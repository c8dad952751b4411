#include "common/http/upgrade_headers.h"

#include "common/util/strings.h"

namespace kube::http {

std::string UpgradeHeaderLines(const httplib::Request& request) {
  std::string lines;
  for (const char* name : {"Connection", "Upgrade", "Sec-WebSocket-Key", "Sec-WebSocket-Version",
                           "Sec-WebSocket-Protocol", "Sec-WebSocket-Extensions",
                           "X-Stream-Protocol-Version"}) {
    for (size_t i = 0; i < request.get_header_value_count(name); ++i) {
      kube::StrAppend(&lines, name, ": ", request.get_header_value(name, i), "\r\n");
    }
  }
  if (request.get_header_value_count("Connection") == 0) lines += "Connection: close\r\n";
  return lines;
}

}  // namespace kube::http
