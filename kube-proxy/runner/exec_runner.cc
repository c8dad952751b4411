#include "kube-proxy/runner/exec_runner.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "common/util/strings.h"

namespace kube::proxy::runner {
namespace {

// Closes a descriptor once; -1 means already closed.
void CloseFd(int& fd) {
  if (fd >= 0) close(fd);
  fd = -1;
}

class ExecRunner : public Runner {
 public:
  explicit ExecRunner(std::vector<std::string> prefix) : prefix_(std::move(prefix)) {}

  // Runner:
  absl::StatusOr<CommandResult> Run(const std::vector<std::string>& argv,
                                    std::string_view input) override {
    std::vector<std::string> full = prefix_;
    full.insert(full.end(), argv.begin(), argv.end());
    if (full.empty()) return absl::InvalidArgumentError("empty command");

    int in_pipe[2], out_pipe[2], err_pipe[2];
    if (pipe2(in_pipe, O_CLOEXEC) != 0) return Errno("pipe");
    if (pipe2(out_pipe, O_CLOEXEC) != 0) {
      close(in_pipe[0]), close(in_pipe[1]);
      return Errno("pipe");
    }
    if (pipe2(err_pipe, O_CLOEXEC) != 0) {
      close(in_pipe[0]), close(in_pipe[1]), close(out_pipe[0]), close(out_pipe[1]);
      return Errno("pipe");
    }
    std::vector<char*> args;
    for (std::string& arg : full) args.push_back(arg.data());
    args.push_back(nullptr);

    const pid_t pid = fork();
    if (pid < 0) return Errno("fork");
    if (pid == 0) {
      // The daemon blocks SIGTERM in every thread (common/daemon); a child must
      // not inherit that mask or it could not be stopped.
      sigset_t all;
      sigfillset(&all);
      sigprocmask(SIG_UNBLOCK, &all, nullptr);
      dup2(in_pipe[0], 0);
      dup2(out_pipe[1], 1);
      dup2(err_pipe[1], 2);
      execvp(args[0], args.data());
      const char message[] = "exec failed\n";
      (void)!write(2, message, sizeof(message) - 1);
      _exit(127);
    }
    int to_child = in_pipe[1], from_out = out_pipe[0], from_err = err_pipe[0];
    close(in_pipe[0]);
    close(out_pipe[1]);
    close(err_pipe[1]);
    // Non-blocking stdin so that a child which stops reading (it failed early)
    // cannot wedge us while its output fills the other pipes.
    fcntl(to_child, F_SETFL, O_NONBLOCK);

    CommandResult result;
    size_t written = 0;
    if (input.empty()) CloseFd(to_child);
    char buffer[65536];
    while (from_out >= 0 || from_err >= 0) {
      pollfd fds[3];
      int n = 0;
      if (to_child >= 0) fds[n++] = {to_child, POLLOUT, 0};
      if (from_out >= 0) fds[n++] = {from_out, POLLIN, 0};
      if (from_err >= 0) fds[n++] = {from_err, POLLIN, 0};
      if (poll(fds, n, -1) < 0) {
        if (errno == EINTR) continue;
        break;
      }
      for (int i = 0; i < n; ++i) {
        if (fds[i].revents == 0) continue;
        if (fds[i].fd == to_child) {
          ssize_t w = write(to_child, input.data() + written, input.size() - written);
          if (w > 0) written += static_cast<size_t>(w);
          if (w < 0 && errno != EAGAIN && errno != EINTR) written = input.size();  // EPIPE
          if (written >= input.size()) CloseFd(to_child);
          continue;
        }
        ssize_t r = read(fds[i].fd, buffer, sizeof(buffer));
        if (r > 0) {
          (fds[i].fd == from_out ? result.out : result.err).append(buffer, static_cast<size_t>(r));
        } else if (r == 0 || (errno != EAGAIN && errno != EINTR)) {
          if (fds[i].fd == from_out) {
            CloseFd(from_out);
          } else {
            CloseFd(from_err);
          }
        }
      }
    }
    CloseFd(to_child);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (WIFSIGNALED(status)) {
      return absl::InternalError(
          StrCat(full[0], " killed by signal ", WTERMSIG(status), ": ", result.err));
    }
    result.exit_code = WEXITSTATUS(status);
    if (result.exit_code == 127 && result.err == "exec failed\n") {
      return absl::NotFoundError(StrCat("cannot run ", full[0]));
    }
    return result;
  }

 private:
  static absl::Status Errno(const char* what) {
    return absl::InternalError(StrCat(what, ": ", std::strerror(errno)));
  }

  const std::vector<std::string> prefix_;  // constant after construction
};

}  // namespace

std::unique_ptr<Runner> NewExecRunner(std::vector<std::string> prefix) {
  return std::make_unique<ExecRunner>(std::move(prefix));
}

}  // namespace kube::proxy::runner
