#include "kube-pki/app/command_line.h"

#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include "common/daemon/daemon.h"
#include "common/flags/flag_set.h"
#include "common/version/version.h"
#include "kube-pki/app/flags.h"
#include "kube-pki/app/discover_command.h"
#include "kube-pki/app/request_command.h"
#include "kube-pki/app/init_command.h"
#include "kube-pki/app/issue_command.h"
#include "kube-pki/app/kubeconfig.h"

namespace kube::pki::app {
namespace {

// One subcommand: its flags, their check, and the work, which returns the reports.
struct Subcommand {
  const char* description;
  std::function<void(flags::FlagSet&)> add_flags;
  std::function<absl::Status()> validate;
  std::function<absl::StatusOr<std::vector<FileReport>>()> run;
};

int RunSubcommand(const std::string& name, const Subcommand& command, int argc, char** argv) {
  std::vector<std::string> args(argv + 2, argv + argc);
  args = MergeRepeatedFlags(args, RepeatableFlags());
  std::string program = "kube-pki " + name;
  std::vector<char*> merged_argv = {program.data()};
  for (std::string& arg : args) merged_argv.push_back(arg.data());

  flags::FlagSet flags(program, command.description);
  command.add_flags(flags);
  if (std::optional<int> exit_code =
          daemon::ParseCommandLine(flags, static_cast<int>(merged_argv.size()), merged_argv.data())) {
    return *exit_code;
  }
  if (!flags.positional().empty()) {
    std::cerr << "Error: unexpected argument \"" << flags.positional().front() << "\"\n";
    return 2;
  }
  if (absl::Status status = command.validate(); !status.ok()) {
    std::cerr << "Error: " << status.message() << "\nRun '" << program << " --help' for usage.\n";
    return 2;
  }
  absl::StatusOr<std::vector<FileReport>> reports = command.run();
  if (!reports.ok()) {
    std::cerr << "Error: " << reports.status().message() << "\n";
    return 1;
  }
  std::cout << FormatReports(*reports) << std::flush;
  return 0;
}

}  // namespace

int RunKubePki(int argc, char** argv) {
  std::string command = argc > 1 ? argv[1] : "";
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << TopLevelUsage();
    return 0;
  }
  if (command == "--version") {
    std::cout << version::VersionLine() << "\n";
    return 0;
  }
  InitOptions init;
  IssueOptions issue;
  KubeconfigOptions kubeconfig;
  if (command == "init") {
    return RunSubcommand(command,
                         {kInitDescription, [&](flags::FlagSet& f) { AddInitFlags(f, init); },
                          [&] { return ValidateInitOptions(init); }, [&] { return RunInit(init); }},
                         argc, argv);
  }
  if (command == "issue") {
    return RunSubcommand(command,
                         {kIssueDescription, [&](flags::FlagSet& f) { AddIssueFlags(f, issue); },
                          [&] { return ValidateIssueOptions(issue); }, [&] { return RunIssue(issue); }},
                         argc, argv);
  }
  if (command == "kubeconfig") {
    return RunSubcommand(
        command,
        {kKubeconfigDescription, [&](flags::FlagSet& f) { AddKubeconfigFlags(f, kubeconfig); },
         [&] { return ValidateKubeconfigOptions(kubeconfig); },
         [&]() -> absl::StatusOr<std::vector<FileReport>> {
           absl::StatusOr<FileReport> report = RunKubeconfig(kubeconfig);
           if (!report.ok()) return report.status();
           return std::vector<FileReport>{*report};
         }},
        argc, argv);
  }
  if (command == "ca-hash") {
    std::string dir;
    return RunSubcommand(
        command,
        {kCaHashDescription,
         [&](flags::FlagSet& f) { f.String("dir", &dir, "Directory of the cluster's PKI."); },
         [&]() -> absl::Status {
           if (dir.empty()) return absl::InvalidArgumentError("--dir is required");
           return absl::OkStatus();
         },
         [&]() -> absl::StatusOr<std::vector<FileReport>> {
           absl::StatusOr<std::string> pin = RunCaHash(dir);
           if (!pin.ok()) return pin.status();
           std::cout << *pin << "\n";
           return std::vector<FileReport>{};
         }},
        argc, argv);
  }
  if (command == "discover") {
    DiscoverOptions discover;
    return RunSubcommand(
        command,
        {kDiscoverDescription, [&](flags::FlagSet& f) { AddDiscoverFlags(f, discover); },
         [&] { return ValidateDiscoverOptions(discover); },
         [&]() -> absl::StatusOr<std::vector<FileReport>> {
           absl::StatusOr<FileReport> report = RunDiscover(discover);
           if (!report.ok()) return report.status();
           return std::vector<FileReport>{*report};
         }},
        argc, argv);
  }
  if (command == "request") {
    RequestOptions request;
    return RunSubcommand(
        command,
        {kRequestDescription, [&](flags::FlagSet& f) { AddRequestFlags(f, request); },
         [&] { return ValidateRequestOptions(request); },
         [&]() -> absl::StatusOr<std::vector<FileReport>> {
           absl::StatusOr<FileReport> report = RunRequest(request);
           if (!report.ok()) return report.status();
           return std::vector<FileReport>{*report};
         }},
        argc, argv);
  }
  std::cerr << (command.empty() ? "Error: no command given\n\n"
                                : "Error: unknown command \"" + command + "\"\n\n")
            << TopLevelUsage();
  return 2;
}

}  // namespace kube::pki::app
