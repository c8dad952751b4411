#include "kubelet/volumes/atomic_writer.h"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <vector>

#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "common/util/strings.h"
#include "common/util/uuid.h"

namespace kube::kubelet {
namespace {

namespace fs = std::filesystem;

constexpr char kDataLink[] = "..data";

absl::Status ValidatePath(const std::string& path) {
  if (path.empty() || path[0] == '/') {
    return absl::InvalidArgumentError(kube::StrCat("invalid path \"", path, "\""));
  }
  for (absl::string_view element : absl::StrSplit(path, '/')) {
    if (element == ".." || element.empty() ||
        (element.size() >= 2 && element.substr(0, 2) == "..")) {
      return absl::InvalidArgumentError(kube::StrCat("invalid path \"", path, "\""));
    }
  }
  return absl::OkStatus();
}

std::string TopLevel(const std::string& path) { return path.substr(0, path.find('/')); }

// Whether `dir` already holds exactly `files` (contents and modes).
bool SamePayload(const fs::path& dir, const std::map<std::string, FileProjection>& files) {
  std::error_code error;
  size_t regular_files = 0;
  for (auto it = fs::recursive_directory_iterator(dir, error);
       !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
    if (it->is_regular_file(error)) ++regular_files;
  }
  if (error || regular_files != files.size()) return false;
  for (const auto& [path, file] : files) {
    fs::path full = dir / path;
    struct stat st {};
    if (stat(full.c_str(), &st) != 0 || (st.st_mode & 07777) != static_cast<mode_t>(file.mode)) {
      return false;
    }
    std::ifstream in(full, std::ios::binary);
    std::stringstream content;
    content << in.rdbuf();
    if (content.str() != file.data) return false;
  }
  return true;
}

absl::Status Failed(const std::string& what, const std::error_code& error) {
  return absl::InternalError(kube::StrCat(what, ": ", error.message()));
}

}  // namespace

absl::Status WriteAtomically(const std::string& dir_name,
                             const std::map<std::string, FileProjection>& files) {
  for (const auto& [path, file] : files) {
    if (absl::Status status = ValidatePath(path); !status.ok()) return status;
  }
  const fs::path dir(dir_name);
  std::error_code error;
  fs::create_directories(dir, error);
  if (error) return Failed(kube::StrCat("create ", dir_name), error);

  const fs::path data_link = dir / kDataLink;
  fs::path old_target;
  if (fs::is_symlink(data_link, error)) {
    old_target = fs::read_symlink(data_link, error);
    if (!error && SamePayload(dir / old_target, files)) return absl::OkStatus();
  }

  // The new payload, in a directory readers cannot see yet.
  const std::string stamp =
      kube::StrCat("..", absl::FormatTime("%Y_%m_%d_%H_%M_%S.", absl::Now(), absl::UTCTimeZone()),
                   util::RandomSuffix(6));
  const fs::path payload = dir / stamp;
  fs::create_directory(payload, error);
  if (error) return Failed(kube::StrCat("create ", payload.string()), error);
  fs::permissions(payload, fs::perms(0755), error);
  for (const auto& [path, file] : files) {
    fs::path full = payload / path;
    fs::create_directories(full.parent_path(), error);
    if (error) return Failed(kube::StrCat("create ", full.parent_path().string()), error);
    {
      std::ofstream out(full, std::ios::binary | std::ios::trunc);
      out << file.data;
      if (!out) return absl::InternalError(kube::StrCat("write ", full.string()));
    }
    if (chmod(full.c_str(), static_cast<mode_t>(file.mode)) != 0) {
      return absl::InternalError(kube::StrCat("chmod ", full.string()));
    }
  }

  // Swap ..data onto it in one rename.
  const fs::path temp_link = dir / "..data_tmp";
  fs::remove(temp_link, error);
  fs::create_directory_symlink(stamp, temp_link, error);
  if (error) return Failed("symlink ..data_tmp", error);
  fs::rename(temp_link, data_link, error);
  if (error) return Failed("rename ..data", error);

  // Top-level names point through ..data; names no longer in the payload go.
  std::set<std::string> wanted;
  for (const auto& [path, file] : files) wanted.insert(TopLevel(path));
  for (const std::string& name : wanted) {
    fs::path link = dir / name;
    if (fs::is_symlink(link, error)) continue;
    fs::create_symlink(fs::path(kDataLink) / name, link, error);
    if (error) return Failed(kube::StrCat("symlink ", name), error);
  }
  std::vector<fs::directory_entry> entries;
  for (const auto& entry : fs::directory_iterator(dir, error)) entries.push_back(entry);
  for (const auto& entry : entries) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("..", 0) == 0) {
      if (entry.is_directory(error) && !entry.is_symlink(error) && name != stamp) {
        fs::remove_all(entry.path(), error);  // an older payload
      }
      continue;
    }
    if (entry.is_symlink(error) && !wanted.contains(name)) fs::remove(entry.path(), error);
  }
  return absl::OkStatus();
}

}  // namespace kube::kubelet
