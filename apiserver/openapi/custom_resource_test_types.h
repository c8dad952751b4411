#pragma once

// Message types standing in for a custom resource's run-time types in tests: a kind
// and its list, named as the CRD names them.

#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor.pb.h>
#include <google/protobuf/dynamic_message.h>

#include <memory>
#include <string>

#include "apiserver/registry/resource.h"

namespace kube::apiserver::openapi::testing {

class CustomResourceTestTypes {
 public:
  CustomResourceTestTypes(const std::string& kind, const std::string& list_kind) {
    google::protobuf::FileDescriptorProto file;
    file.set_name("test/" + kind + ".proto");
    file.set_package("test.customresource");
    file.add_message_type()->set_name(kind);
    file.add_message_type()->set_name(list_kind);
    const google::protobuf::FileDescriptor* built = pool_.BuildFile(file);
    prototype_ = factory_.GetPrototype(built->message_type(0));
    list_prototype_ = factory_.GetPrototype(built->message_type(1));
  }

  // A namespaced custom resource of group stable.example.com, version v1.
  ResourceInfo Info(const std::string& kind, const std::string& plural,
                    const std::string& schema) const {
    ResourceInfo info;
    info.group = "stable.example.com";
    info.version = "v1";
    info.kind = kind;
    info.resource = plural;
    info.namespaced = true;
    info.prototype = prototype_;
    info.list_prototype = list_prototype_;
    info.custom_resource = true;
    info.openapi_schema = schema;
    info.strategy = std::make_unique<Strategy>();
    return info;
  }

 private:
  google::protobuf::DescriptorPool pool_;
  google::protobuf::DynamicMessageFactory factory_{&pool_};
  const google::protobuf::Message* prototype_ = nullptr;
  const google::protobuf::Message* list_prototype_ = nullptr;
};

}  // namespace kube::apiserver::openapi::testing
