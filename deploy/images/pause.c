// The pod sandbox's infrastructure process: it holds the pod's namespaces open,
// reaps zombies (it is PID 1 when the pod shares a PID namespace) and does nothing
// else. Built with `gcc -static -O2` so the image needs no libc.
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAUSE_VERSION "kube-pause 1.0"

static void on_shutdown(int signal_number) {
  // exit() is not async-signal-safe; _exit() is, and there is nothing to flush.
  (void)signal_number;
  _exit(0);
}

static void on_child(int signal_number) {
  (void)signal_number;
  int saved_errno = errno;
  while (waitpid(-1, NULL, WNOHANG) > 0) {
  }
  errno = saved_errno;
}

static int install(int signal_number, void (*handler)(int)) {
  struct sigaction action;
  memset(&action, 0, sizeof(action));
  action.sa_handler = handler;
  sigemptyset(&action.sa_mask);
  action.sa_flags = signal_number == SIGCHLD ? SA_NOCLDSTOP | SA_RESTART : 0;
  return sigaction(signal_number, &action, NULL);
}

int main(int argc, char** argv) {
  if (argc > 1 && (strcmp(argv[1], "-v") == 0 || strcmp(argv[1], "--version") == 0)) {
    printf("%s\n", PAUSE_VERSION);
    return 0;
  }
  if (getpid() != 1) {
    // Still useful (holds namespaces), but zombies of a shared PID namespace stay.
    fprintf(stderr, "pause: warning: not PID 1\n");
  }

  // Only these three may interrupt us; everything else stays pending forever.
  sigset_t blocked;
  sigfillset(&blocked);
  sigdelset(&blocked, SIGINT);
  sigdelset(&blocked, SIGTERM);
  sigdelset(&blocked, SIGCHLD);
  if (sigprocmask(SIG_BLOCK, &blocked, NULL) != 0) return 1;

  if (install(SIGINT, on_shutdown) != 0 || install(SIGTERM, on_shutdown) != 0 ||
      install(SIGCHLD, on_child) != 0) {
    return 2;
  }

  for (;;) pause();
  return 42;  // unreachable
}
