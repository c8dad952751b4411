#pragma once

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/tls/openssl_ptr.h"

namespace kube::tls {

// One TLS connection over a socket it owns, with blocking-style I/O.
//
// Thread safety: none. One thread at a time may use a connection (OpenSSL's SSL
// objects do not allow a read on one thread and a write on another); hand it to
// RelayToPlainSocket when two directions must flow at once.
//
// Writing to a peer that has gone may raise SIGPIPE (OpenSSL writes with write(2));
// every daemon ignores SIGPIPE (daemon::BlockTerminationSignals).
class TlsConnection {
 public:
  // Server side: the TLS handshake on accepted socket `fd` within `timeout`, even on
  // a blocking socket (the handshake runs non-blocking; the socket's mode is
  // restored). Takes ownership of `fd` in every case (closed on failure).
  // DeadlineExceeded on timeout, Unavailable when the handshake fails.
  static absl::StatusOr<std::unique_ptr<TlsConnection>> Accept(int fd, SSL_CTX* ctx,
                                                               absl::Duration timeout);

  // Client side, likewise, on connected socket `fd`. `server_name` is sent as SNI
  // (unless it is an IP address) and, when `ctx` verifies peers, the server's
  // certificate must hold it as a DNS or IP SAN; empty checks the chain only.
  // Unauthenticated when the server's certificate does not verify.
  static absl::StatusOr<std::unique_ptr<TlsConnection>> Connect(int fd, SSL_CTX* ctx,
                                                                const std::string& server_name,
                                                                absl::Duration timeout);

  // Closes the socket without a close_notify (call Shutdown() first for one).
  ~TlsConnection();
  TlsConnection(const TlsConnection&) = delete;
  TlsConnection& operator=(const TlsConnection&) = delete;

  // Up to `size` bytes: > 0 bytes read, 0 when the peer closed (close_notify or
  // EOF), -1 on error (errno EAGAIN when the socket is non-blocking or timed out).
  ssize_t Read(char* buffer, size_t size);
  // Writes all of `data` and returns `size`, or -1 on error.
  ssize_t Write(const char* data, size_t size);
  // Whether decrypted bytes wait in OpenSSL, so a Read returns without poll(2)
  // saying the socket is readable.
  bool HasBufferedData() const;

  int fd() const { return fd_; }
  SSL* ssl() { return ssl_.get(); }
  // The certificates the peer presented, leaf first, as sent and unverified;
  // borrowed from the connection. Empty when it presented none.
  std::vector<X509*> PeerChain() const;
  // The protocol agreed by ALPN ("http/1.1"), or empty.
  std::string Alpn() const;
  // Sends close_notify, best effort and without blocking; idempotent.
  void Shutdown();

 private:
  TlsConnection(SslPtr ssl, int fd) : ssl_(std::move(ssl)), fd_(fd) {}
  static absl::StatusOr<std::unique_ptr<TlsConnection>> Handshake(SslPtr ssl, int fd,
                                                                  absl::Duration timeout);

  SslPtr ssl_;
  int fd_;
  bool failed_ = false;  // after a fatal error OpenSSL forbids SSL_shutdown
};

}  // namespace kube::tls
