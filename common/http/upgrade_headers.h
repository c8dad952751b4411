#pragma once

#include <httplib.h>

#include <string>

namespace kube::http {

// The header lines ("Name: value\r\n" each) a proxy passes on unchanged so that the
// upgrade handshake (WebSocket or SPDY) happens between the client and the backend:
// Connection, Upgrade, Sec-WebSocket-* and X-Stream-Protocol-Version. Adds
// "Connection: close" when the client sent no Connection header, so the backend's
// close ends a plain (non-upgraded) answer.
std::string UpgradeHeaderLines(const httplib::Request& request);

}  // namespace kube::http
