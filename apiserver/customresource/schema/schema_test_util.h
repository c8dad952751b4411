#pragma once

// Test helpers: JSON literals and error texts.

#include <catch2/catch.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "common/api/field_error.h"
#include "common/codec/json_text.h"
#include "rapidjson/document.h"

namespace kube::apiserver::crd_schema::testing {

inline rapidjson::Document Json(std::string_view text) {
  rapidjson::Document document;
  REQUIRE(codec::ParseJson(text, document).ok());
  return document;
}

inline std::vector<std::string> Texts(const api::FieldErrors& errors) {
  std::vector<std::string> texts;
  for (const api::FieldError& error : errors) texts.push_back(error.ToString());
  return texts;
}

}  // namespace kube::apiserver::crd_schema::testing
