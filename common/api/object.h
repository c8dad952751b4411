#pragma once

#include <google/protobuf/message.h>

#include "k8s/meta/v1/meta.pb.h"

namespace kube::api {

// The ObjectMeta of any API object (its `metadata` field), or nullptr if the
// message has none. Every persisted kind has one.
const k8s::meta::v1::ObjectMeta* ObjectMetaOf(const google::protobuf::Message& object);
k8s::meta::v1::ObjectMeta* MutableObjectMetaOf(google::protobuf::Message& object);

// The ListMeta of a list message, or nullptr.
k8s::meta::v1::ListMeta* MutableListMetaOf(google::protobuf::Message& list);

// The `items` field of a list message, or nullptr.
const google::protobuf::FieldDescriptor* ItemsField(const google::protobuf::Descriptor* list);

// Whether `object` is a custom resource: typed metadata, the rest in a
// (k8s.json_remainder) field.
bool IsCustomResource(const google::protobuf::Message& object);

// The current time as a Time (second precision, as Kubernetes stores it).
k8s::meta::v1::Time Now();

}  // namespace kube::api
