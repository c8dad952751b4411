#pragma once

#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "tests/support/apiserver_process.h"

namespace kube::testing {

inline std::string Example(const std::string& name) {
  return SourceDir() + "/deploy/examples/" + name;
}

// A ReplicationController of `replicas` busybox pods labelled app=NAME, as YAML.
inline std::string RcManifest(const std::string& name, int replicas) {
  return "apiVersion: v1\nkind: ReplicationController\nmetadata: {name: " + name +
         "}\nspec:\n  replicas: " + std::to_string(replicas) + "\n  selector: {app: " + name +
         "}\n  template:\n    metadata: {labels: {app: " + name +
         "}}\n    spec: {containers: [{name: app, image: busybox}]}\n";
}

inline bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The output line that names `name`, or "" when none does.
inline std::string LineWith(const std::string& text, const std::string& name) {
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (Contains(line, name)) return line;
  }
  return "";
}

// The whitespace-separated words of a line.
inline std::vector<std::string> Words(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> words;
  for (std::string word; in >> word;) words.push_back(word);
  return words;
}

// Runs kubectl and requires it to succeed, printing its output when it does not.
inline CommandResult MustRun(const Kubectl& kubectl, const std::vector<std::string>& args,
                             const std::string& input = "") {
  CommandResult result = kubectl.Run(args, input);
  std::string command = "kubectl";
  for (const std::string& arg : args) command += " " + arg;
  INFO(command << "\n" << result.out << result.err);
  REQUIRE(result.exit_code == 0);
  return result;
}

// The whitespace-separated cells of the table row that starts with `first_cell`, or
// nothing when there is none.
inline std::vector<std::string> TableRow(const std::string& table, const std::string& first_cell) {
  std::istringstream lines(table);
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream words(line);
    std::vector<std::string> cells;
    for (std::string cell; words >> cell;) cells.push_back(cell);
    if (!cells.empty() && cells[0] == first_cell) return cells;
  }
  return {};
}

// `kubectl get OBJECT -o jsonpath={PATH}`, which must succeed.
inline std::string JsonPathOf(const Kubectl& kubectl, const std::string& object,
                              const std::string& path) {
  return MustRun(kubectl, {"get", object, "-o", "jsonpath={" + path + "}"}).out;
}

}  // namespace kube::testing

// kubectl is part of the machine image; where it is missing the test says so.
#define REQUIRE_KUBECTL()                                                                 \
  if (!::kube::testing::Kubectl::Available()) {                                          \
    WARN("SKIPPED: /usr/bin/kubectl is not installed, so this kubectl test cannot run"); \
    return;                                                                              \
  }

#define REQUIRE_STARTED(server)                \
  do {                                         \
    std::string start_failure;                 \
    bool started = (server).Start(&start_failure); \
    INFO(start_failure);                       \
    REQUIRE(started);                          \
  } while (0)
