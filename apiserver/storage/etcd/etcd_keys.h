#pragma once

#include <string>
#include <string_view>

#include "apiserver/storage/storage.h"
#include "etcd/kv.pb.h"

namespace kube::storage::etcd {

// The smallest key greater than every key starting with `prefix`: etcd's range_end
// for a prefix read. "\0" (every key from the start on) when `prefix` is empty or
// all 0xff bytes.
std::string PrefixEnd(std::string_view prefix);

// A half-open etcd key range [begin, end), ready for Range, DeleteRange and Watch.
struct KeyRange {
  std::string begin;
  std::string end;
};

// Maps the store's keys into one cluster's part of a shared etcd keyspace: every
// key is stored as `prefix + key`. Immutable; safe to share between threads.
class KeySpace {
 public:
  explicit KeySpace(std::string prefix) : prefix_(std::move(prefix)) {}

  // The etcd key for `key`.
  std::string Full(std::string_view key) const;

  // The range of keys starting with `prefix` and not below `start_key` (empty:
  // no lower bound). `begin` may be >= `end` when start_key lies past the prefix.
  KeyRange Prefix(std::string_view prefix, std::string_view start_key = {}) const;

  // A key of etcd's that belongs to this space, converted to the store's form.
  KeyValue ToStore(const mvccpb::KeyValue& kv) const;

  // A watch event of etcd's in the store's form: PUT becomes kAdded when it created
  // the key and kModified otherwise; a DELETE carries the last value (from prev_kv)
  // with the delete's revision.
  Event ToStore(const mvccpb::Event& event) const;

  // True if `begin` .. `end` selects nothing (end is not the "\0" sentinel).
  static bool Empty(const KeyRange& range);

 private:
  const std::string prefix_;  // constant after construction
};

}  // namespace kube::storage::etcd
