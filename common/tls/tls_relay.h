#pragma once

#include <memory>

#include "absl/status/statusor.h"
#include "common/tls/tls_connection.h"

namespace kube::tls {

// Puts `connection` behind a plain socket, for code that can only speak on a file
// descriptor (a WebSocket library, a byte splice). Returns one end of a new
// AF_UNIX socketpair (blocking; the caller owns and closes it); a detached thread
// owns the connection and the other end and copies bytes both ways:
//  - an EOF (or shutdown(SHUT_WR)) on the returned socket is passed on as
//    close_notify, while the TLS side is still read until it closes;
//  - a close_notify or EOF from the TLS peer is passed on as shutdown(SHUT_WR), so
//    the caller reads EOF while it may still write;
//  - a TLS error ends both directions (the caller reads EOF, then writes fail).
// The thread ends, closing both, once both directions are done or the caller has
// closed its end completely. One thread drives the SSL object (OpenSSL forbids
// concurrent reads and writes on one), with non-blocking I/O under poll(2).
absl::StatusOr<int> RelayToPlainSocket(std::unique_ptr<TlsConnection> connection);

}  // namespace kube::tls
