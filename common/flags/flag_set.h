#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace kube::flags {

// Command-line flags in the upstream (pflag) style every Kubernetes daemon uses:
// `--name=value`, `--name value`, bare `--name` for booleans, and `-v N` / `--v=N`
// for log verbosity. Each daemon builds one FlagSet in main(); targets are the
// daemon's own option struct, so nothing here is global.
class FlagSet {
 public:
  FlagSet(std::string program, std::string description);

  void String(std::string name, std::string* target, std::string help);
  // Comma-separated, and repeatable: --x a,b --x c is {a, b, c}.
  void StringList(std::string name, std::vector<std::string>* target, std::string help);
  void Int(std::string name, int64_t* target, std::string help);
  void Int(std::string name, int* target, std::string help);
  void Bool(std::string name, bool* target, std::string help);
  void Duration(std::string name, absl::Duration* target, std::string help);

  // Parses argv. Sets --help / --version requests instead of exiting, and the log
  // verbosity from -v. An unknown flag or a bad value is InvalidArgument naming it.
  absl::Status Parse(int argc, char** argv);

  bool help_requested() const { return help_requested_; }
  bool version_requested() const { return version_requested_; }
  // Arguments that are not flags, in order.
  const std::vector<std::string>& positional() const { return positional_; }

  // The --help text: the description, then every flag with its default and help.
  std::string Usage() const;

 private:
  struct Flag {
    std::string name;
    std::string help;
    std::string default_value;
    bool is_bool = false;
    std::function<absl::Status(const std::string&)> set;
  };
  void Add(Flag flag);
  const Flag* Find(const std::string& name) const;

  std::string program_;
  std::string description_;
  std::vector<Flag> flags_;
  std::vector<std::string> positional_;
  bool help_requested_ = false;
  bool version_requested_ = false;
  int verbosity_ = 0;
};

// Parses a Go duration ("90s", "5m", "1h30m", "250ms"); a bare number means seconds.
absl::Status ParseGoDuration(const std::string& text, absl::Duration* out);

}  // namespace kube::flags
