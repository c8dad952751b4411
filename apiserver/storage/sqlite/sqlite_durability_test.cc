// Durability under kill -9, and the durable write rate.

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <atomic>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include "absl/time/clock.h"
#include "apiserver/storage/sqlite/sqlite_storage.h"
#include "apiserver/storage/sqlite/sqlite_test_util.h"
#include "apiserver/storage/storage_conformance_util.h"

namespace kube::storage {
namespace {

using conformance::MustCreate;
using conformance::MustCurrent;
using testing::MustOpen;
using testing::TempDir;

// Reads newline-terminated lines from `fd` into `lines` until `want` lines, EOF, or
// the deadline. Keeps an unterminated tail in `partial`.
void ReadLines(int fd, size_t want, absl::Time deadline, std::vector<std::string>& lines,
               std::string& partial) {
  char buffer[4096];
  while (lines.size() < want) {
    int left_ms = static_cast<int>(absl::ToInt64Milliseconds(deadline - absl::Now()));
    if (left_ms <= 0) return;
    pollfd pfd{.fd = fd, .events = POLLIN, .revents = 0};
    if (poll(&pfd, 1, left_ms) <= 0) return;
    ssize_t n = read(fd, buffer, sizeof(buffer));
    if (n <= 0) return;  // EOF or error
    partial.append(buffer, static_cast<size_t>(n));
    size_t newline;
    while ((newline = partial.find('\n')) != std::string::npos) {
      lines.push_back(partial.substr(0, newline));
      partial.erase(0, newline + 1);
    }
  }
}

TEST_CASE("sqlite: acknowledged writes survive kill -9", "[sqlite]") {
  TempDir dir;
  const std::string path = dir.File("crash.db");
  int pipe_fds[2];
  REQUIRE(pipe(pipe_fds) == 0);
  pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    // Child: no Catch2 here. Ack each key only after Create returned OK.
    close(pipe_fds[0]);
    absl::StatusOr<std::unique_ptr<Storage>> store = OpenSqliteStorage(path);
    if (!store.ok()) _exit(2);
    const absl::Time deadline = absl::Now() + absl::Seconds(60);
    for (int i = 0; i < 1000000 && absl::Now() < deadline; ++i) {
      std::string key = "/crash/" + std::to_string(i);
      if (!(*store)->Create(key, std::string(200, 'c')).ok()) _exit(3);
      key += '\n';
      if (write(pipe_fds[1], key.data(), key.size()) != static_cast<ssize_t>(key.size())) {
        _exit(4);
      }
    }
    _exit(0);
  }
  close(pipe_fds[1]);
  std::vector<std::string> acked;
  std::string partial;
  ReadLines(pipe_fds[0], 500, absl::Now() + absl::Seconds(30), acked, partial);
  REQUIRE(kill(child, SIGKILL) == 0);
  int status = 0;
  REQUIRE(waitpid(child, &status, 0) == child);
  CHECK(WIFSIGNALED(status));
  // Acks already in the pipe count too; the child is gone, so this ends at EOF.
  ReadLines(pipe_fds[0], SIZE_MAX, absl::Now() + absl::Seconds(10), acked, partial);
  close(pipe_fds[0]);
  REQUIRE(acked.size() >= 500);

  std::unique_ptr<Storage> store = MustOpen(path);
  size_t missing = 0;
  for (const std::string& key : acked) {
    if (!store->Get(key).ok()) ++missing;
  }
  CHECK(missing == 0);
  const Revision recovered = MustCurrent(*store);
  CHECK(recovered >= static_cast<Revision>(acked.size()));
  CHECK(MustCreate(*store, "/crash/after", "x").mod_revision == recovered + 1);
}

// Durable single-key creates per second, for the group-commit decision. Hidden:
// run with `kube_storage_sqlite_test [.bench] -s`.
TEST_CASE("sqlite: durable create throughput", "[.bench]") {
  for (int threads : {1, 8}) {
    TempDir dir;
    std::unique_ptr<Storage> store = MustOpen(dir.File("bench.db"));
    constexpr int kTotal = 4000;
    std::atomic<int> failures{0};
    const absl::Time start = absl::Now();
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
      workers.emplace_back([&, t] {
        for (int i = t; i < kTotal; i += threads) {
          if (!store->Create("/bench/" + std::to_string(i), std::string(500, 'b')).ok()) {
            failures++;
          }
        }
      });
    }
    for (std::thread& worker : workers) worker.join();
    const double seconds = absl::ToDoubleSeconds(absl::Now() - start);
    CHECK(failures.load() == 0);
    WARN(threads << " thread(s): " << static_cast<int>(kTotal / seconds)
                 << " durable creates/s (" << kTotal << " in " << seconds << " s)");
  }
}

}  // namespace
}  // namespace kube::storage
