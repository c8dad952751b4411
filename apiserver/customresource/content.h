#pragma once

#include <google/protobuf/message.h>
#include <rapidjson/document.h>

namespace kube::apiserver::customresource {

// A custom resource's members other than apiVersion, kind and metadata (its
// json_remainder field) as a JSON object; {} when it has none.
rapidjson::Document ContentOf(const google::protobuf::Message& object);

// Replaces them with `content` (a JSON object), keys sorted as the codec keeps them.
void SetContent(google::protobuf::Message& object, rapidjson::Value& content);

// The whole object as JSON: apiVersion, kind, metadata and content.
rapidjson::Document ObjectJson(const google::protobuf::Message& object);

}  // namespace kube::apiserver::customresource
