#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

namespace kube::api {

struct GroupVersionKind {
  std::string group;    // "" for the core group
  std::string version;  // "v1"
  std::string kind;     // "Pod"

  // "v1" or "apps/v1".
  std::string ApiVersion() const;
  bool operator==(const GroupVersionKind&) const = default;
};

// Splits "apps/v1" into {"apps", "v1"} and "v1" into {"", "v1"}.
std::pair<std::string, std::string> SplitApiVersion(std::string_view api_version);

// Which message type serves which apiVersion and kind. Built from the
// (k8s.api_version) option of every message in the schema, so adding a type to a
// .proto file is all it takes. Immutable after construction; safe to share.
class Scheme {
 public:
  // The scheme of every built-in API type.
  static const Scheme& BuiltIn();

  // The prototype for apiVersion + kind, or nullptr if the scheme has no such type.
  const google::protobuf::Message* Prototype(std::string_view api_version,
                                             std::string_view kind) const;
  // A new, empty message of that type, or nullptr.
  std::unique_ptr<google::protobuf::Message> New(std::string_view api_version,
                                                 std::string_view kind) const;
  // The group, version and kind of a message type, if it has one (built-in or
  // built at run time with (k8s.api_version)).
  std::optional<GroupVersionKind> KindOf(const google::protobuf::Descriptor* type) const;

 private:
  Scheme();
  void AddFile(const google::protobuf::FileDescriptor* file);

  // Keyed by "apiVersion/kind", e.g. "apps/v1/Deployment".
  std::map<std::string, const google::protobuf::Message*, std::less<>> by_kind_;
  std::map<const google::protobuf::Descriptor*, GroupVersionKind> by_type_;
};

}  // namespace kube::api
