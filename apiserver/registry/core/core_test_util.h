#pragma once

// Helpers for the core strategy tests: objects from protobuf text and field
// errors as the strings kubectl would print.

#include <algorithm>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <google/protobuf/text_format.h>

#include "common/api/field_error.h"

namespace kube::apiserver::core::testing {

template <typename Message>
Message Parse(const std::string& text) {
  Message message;
  bool parsed = google::protobuf::TextFormat::ParseFromString(text, &message);
  REQUIRE(parsed);
  return message;
}

inline std::vector<std::string> Strings(const api::FieldErrors& errors) {
  std::vector<std::string> out;
  for (const auto& error : errors) out.push_back(error.ToString());
  return out;
}

// Whether some error reads exactly `text`.
inline bool HasError(const api::FieldErrors& errors, const std::string& text) {
  std::vector<std::string> all = Strings(errors);
  return std::find(all.begin(), all.end(), text) != all.end();
}

// Whether some error starts with `prefix`.
inline bool HasErrorStartingWith(const api::FieldErrors& errors, const std::string& prefix) {
  for (const std::string& text : Strings(errors)) {
    if (text.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

}  // namespace kube::apiserver::core::testing

// Prints the errors when an expectation about them fails.
#define CHECK_ERROR(errors, text)                     \
  do {                                                \
    INFO(::Catch::Detail::stringify(                  \
        ::kube::apiserver::core::testing::Strings(errors))); \
    CHECK(::kube::apiserver::core::testing::HasError(errors, text)); \
  } while (0)
#define CHECK_ERROR_PREFIX(errors, text)              \
  do {                                                \
    INFO(::Catch::Detail::stringify(                  \
        ::kube::apiserver::core::testing::Strings(errors))); \
    CHECK(::kube::apiserver::core::testing::HasErrorStartingWith(errors, text)); \
  } while (0)
