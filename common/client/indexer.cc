#include "common/client/indexer.h"

#include "common/api/object.h"
#include "common/util/strings.h"

namespace kube::client {
namespace {

// Debian's abseil has its own string_view, which heterogeneous lookup wants.
absl::string_view View(std::string_view text) { return {text.data(), text.size()}; }

}  // namespace

std::vector<std::string> NamespaceIndexFunc(const google::protobuf::Message& object) {
  const k8s::meta::v1::ObjectMeta* meta = api::ObjectMetaOf(object);
  if (meta == nullptr) return {};
  return {meta->namespace_()};
}

std::string ObjectKey(std::string_view ns, std::string_view name) {
  if (ns.empty()) return std::string(name);
  return StrCat(ns, "/", name);
}

std::string ObjectKey(const google::protobuf::Message& object) {
  const k8s::meta::v1::ObjectMeta* meta = api::ObjectMetaOf(object);
  if (meta == nullptr) return "";
  return ObjectKey(meta->namespace_(), meta->name());
}

std::pair<std::string, std::string> SplitObjectKey(std::string_view key) {
  size_t slash = key.find('/');
  if (slash == std::string_view::npos) return {"", std::string(key)};
  return {std::string(key.substr(0, slash)), std::string(key.substr(slash + 1))};
}

Indexer::Indexer() {
  absl::MutexLock lock(&mu_);
  indexes_.push_back(Index{kNamespaceIndex, &NamespaceIndexFunc, {}});
}

absl::Status Indexer::AddIndex(std::string name, IndexFunc func) {
  absl::MutexLock lock(&mu_);
  if (FindIndex(name) != nullptr) {
    return absl::AlreadyExistsError(StrCat("index \"", name, "\" already exists"));
  }
  Index& index = indexes_.emplace_back(Index{std::move(name), std::move(func), {}});
  for (auto& [key, entry] : items_) {
    std::vector<std::string> values = index.func(*entry.object);
    for (const std::string& value : values) index.keys_by_value[value].insert(key);
    entry.filed_under.push_back(std::move(values));
  }
  return absl::OkStatus();
}

const Indexer::Index* Indexer::FindIndex(std::string_view name) const {
  for (const Index& index : indexes_) {
    if (index.name == name) return &index;
  }
  return nullptr;
}

void Indexer::File(const std::string& key, Entry& entry) {
  entry.filed_under.clear();
  entry.filed_under.reserve(indexes_.size());
  for (Index& index : indexes_) {
    std::vector<std::string> values = index.func(*entry.object);
    for (const std::string& value : values) index.keys_by_value[value].insert(key);
    entry.filed_under.push_back(std::move(values));
  }
}

void Indexer::Unfile(const std::string& key, const Entry& entry) {
  for (size_t i = 0; i < indexes_.size() && i < entry.filed_under.size(); ++i) {
    auto& keys_by_value = indexes_[i].keys_by_value;
    for (const std::string& value : entry.filed_under[i]) {
      auto it = keys_by_value.find(View(value));
      if (it == keys_by_value.end()) continue;
      it->second.erase(key);
      if (it->second.empty()) keys_by_value.erase(it);
    }
  }
}

CachedObject Indexer::Upsert(CachedObject object) {
  std::string key = ObjectKey(*object);
  absl::MutexLock lock(&mu_);
  auto [it, inserted] = items_.try_emplace(key);
  CachedObject old;
  if (!inserted) {
    Unfile(key, it->second);
    old = std::move(it->second.object);
  }
  it->second.object = std::move(object);
  File(key, it->second);
  return old;
}

CachedObject Indexer::Remove(std::string_view key) {
  absl::MutexLock lock(&mu_);
  auto it = items_.find(View(key));
  if (it == items_.end()) return nullptr;
  Unfile(it->first, it->second);
  CachedObject old = std::move(it->second.object);
  items_.erase(it);
  return old;
}

CachedObject Indexer::Get(std::string_view key) const {
  absl::ReaderMutexLock lock(&mu_);
  auto it = items_.find(View(key));
  return it == items_.end() ? nullptr : it->second.object;
}

std::vector<CachedObject> Indexer::List() const {
  absl::ReaderMutexLock lock(&mu_);
  std::vector<CachedObject> objects;
  objects.reserve(items_.size());
  for (const auto& [key, entry] : items_) objects.push_back(entry.object);
  return objects;
}

std::vector<std::string> Indexer::ListKeys() const {
  absl::ReaderMutexLock lock(&mu_);
  std::vector<std::string> keys;
  keys.reserve(items_.size());
  for (const auto& [key, entry] : items_) keys.push_back(key);
  return keys;
}

size_t Indexer::size() const {
  absl::ReaderMutexLock lock(&mu_);
  return items_.size();
}

absl::StatusOr<std::vector<CachedObject>> Indexer::ByIndex(std::string_view index_name,
                                                           std::string_view value) const {
  absl::ReaderMutexLock lock(&mu_);
  const Index* index = FindIndex(index_name);
  if (index == nullptr) return absl::NotFoundError(StrCat("no index named \"", index_name, "\""));
  std::vector<CachedObject> objects;
  auto keys = index->keys_by_value.find(View(value));
  if (keys == index->keys_by_value.end()) return objects;
  objects.reserve(keys->second.size());
  for (const std::string& key : keys->second) {
    auto it = items_.find(View(key));
    if (it != items_.end()) objects.push_back(it->second.object);
  }
  return objects;
}

absl::StatusOr<std::vector<std::string>> Indexer::IndexKeys(std::string_view index_name,
                                                            std::string_view value) const {
  absl::ReaderMutexLock lock(&mu_);
  const Index* index = FindIndex(index_name);
  if (index == nullptr) return absl::NotFoundError(StrCat("no index named \"", index_name, "\""));
  auto keys = index->keys_by_value.find(View(value));
  if (keys == index->keys_by_value.end()) return std::vector<std::string>();
  return std::vector<std::string>(keys->second.begin(), keys->second.end());
}

absl::StatusOr<std::vector<std::string>> Indexer::IndexValues(std::string_view index_name) const {
  absl::ReaderMutexLock lock(&mu_);
  const Index* index = FindIndex(index_name);
  if (index == nullptr) return absl::NotFoundError(StrCat("no index named \"", index_name, "\""));
  std::vector<std::string> values;
  values.reserve(index->keys_by_value.size());
  for (const auto& [value, keys] : index->keys_by_value) values.push_back(value);
  return values;
}

}  // namespace kube::client
