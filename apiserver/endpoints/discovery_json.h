#pragma once

// The few rapidjson writer steps both discovery forms are written with.

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <string>
#include <string_view>
#include <vector>

namespace kube::apiserver::discovery_json {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

inline void Key(Writer& writer, std::string_view key) {
  writer.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
}
inline void String(Writer& writer, std::string_view value) {
  writer.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}
inline void StringArray(Writer& writer, std::string_view key, const std::vector<std::string>& values) {
  Key(writer, key);
  writer.StartArray();
  for (const std::string& value : values) String(writer, value);
  writer.EndArray();
}

}  // namespace kube::apiserver::discovery_json
