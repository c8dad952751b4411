#pragma once

namespace kube::pki::app {

// kube-pki's main(): dispatches `kube-pki COMMAND [flags]`, prints each file's
// outcome on stdout and errors on stderr, and returns the exit code: 0 on success
// (or --help), 1 when the work failed, 2 for a bad command line.
int RunKubePki(int argc, char** argv);

}  // namespace kube::pki::app
