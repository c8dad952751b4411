#pragma once

#include <concepts>
#include <string>

namespace kube::selectors {

// A non-owning, read-only view of a string-to-string map, so one selector can
// match std::map, google::protobuf::Map, absl::flat_hash_map, ... without
// copying. Lookups cost one indirect call. The viewed map must outlive the view.
class StringMapView {
 public:
  // A view of no entries.
  StringMapView() = default;

  // Views any container with find(const std::string&) whose iterators point at
  // pairs with a std::string `second` (implicit, so call sites pass maps directly).
  template <typename Map>
  requires requires(const Map& m, const std::string& key) {
    { m.find(key)->second } -> std::convertible_to<const std::string&>;
    m.find(key) == m.end();
  }
  StringMapView(const Map& map)  // NOLINT(google-explicit-constructor)
      : map_(&map), find_(&FindIn<Map>) {}

  // The value stored under key, or nullptr when the map has no such key.
  const std::string* Find(const std::string& key) const {
    return map_ == nullptr ? nullptr : find_(map_, key);
  }

 private:
  template <typename Map>
  static const std::string* FindIn(const void* map, const std::string& key) {
    const Map& typed = *static_cast<const Map*>(map);
    auto it = typed.find(key);
    return it == typed.end() ? nullptr : &it->second;
  }

  const void* map_ = nullptr;
  const std::string* (*find_)(const void*, const std::string&) = nullptr;
};

// An object's labels, as seen by a LabelSelector.
using Labels = StringMapView;

}  // namespace kube::selectors
