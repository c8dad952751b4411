#include "apiserver/storage/etcd/etcd_keys.h"

#include <algorithm>

#include "common/util/strings.h"

namespace kube::storage::etcd {

std::string PrefixEnd(std::string_view prefix) {
  std::string end(prefix);
  while (!end.empty()) {
    unsigned char last = static_cast<unsigned char>(end.back());
    if (last != 0xff) {
      end.back() = static_cast<char>(last + 1);
      return end;
    }
    end.pop_back();  // 0xff cannot be incremented: carry into the byte before
  }
  return std::string(1, '\0');
}

std::string KeySpace::Full(std::string_view key) const { return StrCat(prefix_, key); }

KeyRange KeySpace::Prefix(std::string_view prefix, std::string_view start_key) const {
  KeyRange range;
  range.begin = Full(std::max(prefix, start_key));
  range.end = PrefixEnd(Full(prefix));
  // etcd reads an empty key as "no key"; "\0" is the smallest real one.
  if (range.begin.empty()) range.begin.assign(1, '\0');
  return range;
}

bool KeySpace::Empty(const KeyRange& range) {
  return range.end != std::string_view("\0", 1) && range.begin >= range.end;
}

KeyValue KeySpace::ToStore(const mvccpb::KeyValue& kv) const {
  KeyValue out;
  std::string_view key = kv.key();
  if (key.substr(0, prefix_.size()) == prefix_) key.remove_prefix(prefix_.size());
  out.key = std::string(key);
  out.value = kv.value();
  out.create_revision = kv.create_revision();
  out.mod_revision = kv.mod_revision();
  return out;
}

Event KeySpace::ToStore(const mvccpb::Event& event) const {
  Event out;
  if (event.type() == mvccpb::Event::DELETE) {
    out.type = EventType::kDeleted;
    if (event.has_prev_kv()) out.prev_kv = ToStore(event.prev_kv());
    // etcd's delete event holds only the key and the delete's revision; the value
    // comes from prev_kv (absent only if that version was already compacted).
    out.kv = out.prev_kv;
    out.kv.key = ToStore(event.kv()).key;
    out.kv.mod_revision = event.kv().mod_revision();
    return out;
  }
  out.kv = ToStore(event.kv());
  if (out.kv.create_revision == out.kv.mod_revision) {
    out.type = EventType::kAdded;
  } else {
    out.type = EventType::kModified;
    if (event.has_prev_kv()) out.prev_kv = ToStore(event.prev_kv());
  }
  return out;
}

}  // namespace kube::storage::etcd
