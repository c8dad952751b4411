// The one Catch2 main every test binary links; compiled once.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <csignal>

int main(int argc, char* argv[]) {
  // As every daemon does: a peer that went away is an error return, not a crash.
  // TLS writes (OpenSSL, httplib's client) use write(2), which raises SIGPIPE when a
  // test kills the server it was talking to.
  std::signal(SIGPIPE, SIG_IGN);
  return Catch::Session().run(argc, argv);
}
