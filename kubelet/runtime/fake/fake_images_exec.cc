// FakeRuntime: images, exec and stats.

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/util/strings.h"
#include "kubelet/runtime/fake/fake_runtime.h"

namespace kube::kubelet::fake {
namespace {

constexpr uint64_t kFakeImageSize = 5 * 1024 * 1024;
constexpr uint64_t kFakeWorkingSet = 8 * 1024 * 1024;

std::string Basename(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string FakeImageId(const std::string& image) {
  uint64_t hash = std::hash<std::string>()(image);
  return kube::StrCat("sha256:", absl::Hex(hash, absl::kZeroPad16),
                      absl::Hex(~hash, absl::kZeroPad16), absl::Hex(hash * 31, absl::kZeroPad16),
                      absl::Hex(hash ^ 0x9e3779b97f4a7c15ull, absl::kZeroPad16));
}

bool FromInvalidRegistry(const std::string& image) {
  size_t slash = image.find('/');
  if (slash == std::string::npos) return false;
  std::string host = image.substr(0, slash);
  return host.size() >= 8 && host.compare(host.size() - 8, 8, ".invalid") == 0;
}

}  // namespace

const ImageInfo* FakeRuntime::FindImage(const std::string& image) const {
  auto it = images_.find(image);
  if (it != images_.end()) return &it->second;
  for (const auto& [name, info] : images_) {
    if (info.id == image) return &info;
  }
  return nullptr;
}

absl::StatusOr<std::string> FakeRuntime::PullImage(const std::string& image) {
  absl::MutexLock lock(&mu_);
  ++pull_count_;
  if (auto it = pull_errors_.find(image); it != pull_errors_.end()) return it->second;
  if (image.empty() || FromInvalidRegistry(image)) {
    return absl::NotFoundError(kube::StrCat("failed to pull and unpack image \"", image,
                                            "\": failed to resolve reference \"", image,
                                            "\": not found"));
  }
  ImageInfo& info = images_[image];
  info.id = FakeImageId(image);
  info.repo_tags = {image};
  info.size_bytes = kFakeImageSize;
  Persist();
  return info.id;
}

absl::StatusOr<ImageInfo> FakeRuntime::GetImageStatus(const std::string& image) {
  absl::MutexLock lock(&mu_);
  const ImageInfo* info = FindImage(image);
  if (info == nullptr) return absl::NotFoundError(kube::StrCat("image \"", image, "\" not found"));
  return *info;
}

absl::StatusOr<std::vector<ImageInfo>> FakeRuntime::ListImages() {
  absl::MutexLock lock(&mu_);
  std::vector<ImageInfo> out;
  for (const auto& [name, info] : images_) out.push_back(info);
  return out;
}

absl::Status FakeRuntime::RemoveImage(const std::string& image) {
  absl::MutexLock lock(&mu_);
  const ImageInfo* info = FindImage(image);
  if (info != nullptr) {
    std::string id = info->id;
    std::erase_if(images_, [&](const auto& entry) { return entry.second.id == id; });
    Persist();
  }
  return absl::OkStatus();
}

void FakeRuntime::AddImage(const std::string& image) {
  absl::MutexLock lock(&mu_);
  ImageInfo& info = images_[image];
  info.id = FakeImageId(image);
  info.repo_tags = {image};
  info.size_bytes = kFakeImageSize;
  Persist();
}

absl::StatusOr<ExecResult> FakeRuntime::ExecSync(const std::string& container_id,
                                                 const std::vector<std::string>& command,
                                                 absl::Duration timeout) {
  ExecHook hook;
  ContainerStatus status;
  absl::Duration fail_after;
  {
    absl::MutexLock lock(&mu_);
    absl::StatusOr<Container*> container = FindContainer(container_id);
    if (!container.ok()) return container.status();
    Refresh(**container, options_.clock());
    if ((*container)->status.state != ContainerState::kRunning) {
      return absl::FailedPreconditionError(
          kube::StrCat("container ", container_id, " is not running"));
    }
    hook = exec_hook_;
    status = (*container)->status;
    fail_after = (*container)->behavior.exec_fail_after;
  }
  if (hook) {
    if (std::optional<absl::StatusOr<ExecResult>> answer = hook(status, command)) return *answer;
  }
  if (fail_after != absl::InfiniteDuration() &&
      options_.clock() - status.started_at >= fail_after) {
    ExecResult failed;
    failed.exit_code = 1;
    failed.stderr_data = "fake: failing as told by probe-fail-after\n";
    return failed;
  }
  return Script(command, timeout);
}

absl::StatusOr<ExecResult> FakeRuntime::Script(const std::vector<std::string>& command,
                                               absl::Duration timeout) const {
  ExecResult result;
  if (command.empty()) return absl::InvalidArgumentError("exec: empty command");
  // `sh -c "a; b"` runs its statements in turn; anything else is one statement.
  std::vector<std::vector<std::string>> statements;
  if ((Basename(command[0]) == "sh" || Basename(command[0]) == "bash") && command.size() >= 3 &&
      command[1] == "-c") {
    for (absl::string_view part : absl::StrSplit(command[2], absl::ByAnyChar(";\n"))) {
      std::vector<std::string> words;
      for (absl::string_view word : absl::StrSplit(part, ' ', absl::SkipEmpty())) {
        std::string w(word);
        // Quotes are not nested in the scripts tests write: dropping them is enough.
        std::erase_if(w, [](char c) { return c == '\'' || c == '"'; });
        words.push_back(std::move(w));
      }
      if (!words.empty()) statements.push_back(std::move(words));
    }
  } else {
    statements.push_back(command);
  }
  for (std::vector<std::string> words : statements) {
    bool to_stderr = false;
    if (words.size() >= 2 && (words.back() == ">&2" || words.back() == "1>&2")) {
      to_stderr = true;
      words.pop_back();
    }
    const std::string program = Basename(words[0]);
    result.exit_code = 0;
    if (program == "false") {
      result.exit_code = 1;
    } else if (program == "exit") {
      if (words.size() >= 2 && !absl::SimpleAtoi(words[1], &result.exit_code)) {
        result.exit_code = 2;
      }
      return result;
    } else if (program == "sleep" && words.size() >= 2) {
      double seconds = 0;
      if (absl::SimpleAtod(words[1], &seconds) && absl::Seconds(seconds) > timeout) {
        return absl::DeadlineExceededError(
            kube::StrCat("command timed out after ", absl::FormatDuration(timeout)));
      }
    } else if (program == "echo") {
      std::string& out = to_stderr ? result.stderr_data : result.stdout_data;
      for (size_t i = 1; i < words.size(); ++i) {
        if (i > 1) out += ' ';
        out += words[i];
      }
      out += '\n';
    }
  }
  return result;
}

absl::StatusOr<std::vector<ContainerStats>> FakeRuntime::ListContainerStats() {
  absl::MutexLock lock(&mu_);
  absl::Time now = options_.clock();
  std::vector<ContainerStats> out;
  for (auto& [id, container] : containers_) {
    Refresh(container, now);
    if (container.status.state != ContainerState::kRunning) continue;
    ContainerStats stats;
    stats.id = id;
    stats.timestamp = now;
    // 1% of a core while running; a steady working set.
    stats.cpu_usage_core_nanoseconds =
        static_cast<uint64_t>(absl::ToInt64Nanoseconds(now - container.status.started_at) / 100);
    stats.memory_working_set_bytes = kFakeWorkingSet;
    stats.memory_usage_bytes = kFakeWorkingSet + kFakeWorkingSet / 4;
    out.push_back(stats);
  }
  return out;
}

}  // namespace kube::kubelet::fake
