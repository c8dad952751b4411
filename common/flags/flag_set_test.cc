#include "common/flags/flag_set.h"

#include <catch2/catch.hpp>

namespace kube::flags {
namespace {

absl::Status ParseArgs(FlagSet& flags, std::vector<std::string> args) {
  std::vector<char*> argv;
  std::string program = "test";
  argv.push_back(program.data());
  for (std::string& arg : args) argv.push_back(arg.data());
  return flags.Parse(static_cast<int>(argv.size()), argv.data());
}

TEST_CASE("flags parse the upstream forms") {
  FlagSet flags("test", "A test program.");
  std::string data_dir = "/var/lib/x";
  int64_t port = 8080;
  bool insecure = false;
  absl::Duration interval = absl::Minutes(5);
  std::vector<std::string> servers;
  flags.String("data-dir", &data_dir, "Where data lives.");
  flags.Int("insecure-port", &port, "Port.");
  flags.Bool("insecure", &insecure, "Insecure.");
  flags.Duration("interval", &interval, "Interval.");
  flags.StringList("etcd-servers", &servers, "Servers.");

  REQUIRE(ParseArgs(flags, {"--data-dir=/tmp/d", "--insecure-port", "9090", "--insecure",
                            "--interval=90s", "--etcd-servers=http://a:1,http://b:2", "-v=3",
                            "extra"})
              .ok());
  CHECK(data_dir == "/tmp/d");
  CHECK(port == 9090);
  CHECK(insecure);
  CHECK(interval == absl::Seconds(90));
  CHECK(servers == std::vector<std::string>{"http://a:1", "http://b:2"});
  CHECK(flags.positional() == std::vector<std::string>{"extra"});
  CHECK_FALSE(flags.help_requested());
}

TEST_CASE("a list flag given twice appends, replacing the default once") {
  FlagSet flags("test", "A test program.");
  std::vector<std::string> modes = {"AlwaysAllow"};
  flags.StringList("authorization-mode", &modes, "Modes.");
  REQUIRE(ParseArgs(flags, {"--authorization-mode=Node", "--authorization-mode", "RBAC,Webhook"})
              .ok());
  CHECK(modes == std::vector<std::string>{"Node", "RBAC", "Webhook"});
}

TEST_CASE("flags report bad input naming the flag") {
  FlagSet flags("test", "A test program.");
  int64_t port = 0;
  bool on = false;
  flags.Int("port", &port, "Port.");
  flags.Bool("on", &on, "On.");
  absl::Status unknown = ParseArgs(flags, {"--nope=1"});
  CHECK(unknown.code() == absl::StatusCode::kInvalidArgument);
  CHECK(std::string(unknown.message()).find("--nope") != std::string::npos);
  absl::Status bad_int = ParseArgs(flags, {"--port=abc"});
  CHECK(std::string(bad_int.message()).find("--port") != std::string::npos);
  CHECK_FALSE(ParseArgs(flags, {"--on=maybe"}).ok());
  CHECK_FALSE(ParseArgs(flags, {"--port"}).ok());
}

TEST_CASE("flags expose help and version requests and usage text") {
  FlagSet flags("kube-apiserver", "Serves the API.");
  std::string dir;
  flags.String("data-dir", &dir, "Where data lives.");
  REQUIRE(ParseArgs(flags, {"--help", "--version"}).ok());
  CHECK(flags.help_requested());
  CHECK(flags.version_requested());
  std::string usage = flags.Usage();
  CHECK(usage.find("--data-dir") != std::string::npos);
  CHECK(usage.find("Where data lives.") != std::string::npos);
}

TEST_CASE("Go durations parse") {
  absl::Duration d;
  REQUIRE(ParseGoDuration("1h30m", &d).ok());
  CHECK(d == absl::Minutes(90));
  REQUIRE(ParseGoDuration("250ms", &d).ok());
  CHECK(d == absl::Milliseconds(250));
  REQUIRE(ParseGoDuration("42", &d).ok());
  CHECK(d == absl::Seconds(42));
  CHECK_FALSE(ParseGoDuration("soon", &d).ok());
}

}  // namespace
}  // namespace kube::flags
