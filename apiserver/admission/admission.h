#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include <google/protobuf/message.h>

#include "absl/status/status.h"
#include "apiserver/registry/resource.h"
#include "common/auth/user_info.h"

namespace kube::apiserver::admission {

enum class Operation { kCreate, kUpdate, kDelete };

// One write as admission sees it, as upstream's admission.Attributes.
struct Request {
  Operation operation = Operation::kCreate;
  const ResourceInfo* resource = nullptr;  // never null
  std::string subresource;                 // "" or "status"
  std::string_view namespace_;
  std::string_view name;
  // The object to be stored (create, update); mutating steps may change it.
  google::protobuf::Message* object = nullptr;
  const google::protobuf::Message* old_object = nullptr;  // update, delete
  const auth::UserInfo* user = nullptr;                   // never null when asked
  bool dry_run = false;
};

// One admission step (upstream's admission plugins: ServiceAccount, Priority,
// NodeRestriction, the RBAC escalation check, ...). Admit may change the object
// (mutating admission, before validation); Validate may only refuse (after
// validation, just before storage). An error is the request's answer (403 for a
// refusal, 422 for an object that cannot be admitted). Thread-safe.
class Plugin {
 public:
  virtual ~Plugin() = default;
  virtual absl::Status Admit(Request& request) const { return absl::OkStatus(); }
  virtual absl::Status Validate(const Request& request) const { return absl::OkStatus(); }
};

// The admission steps in order, defined once for every write of every transport.
// Writes the server makes itself (no user) are not admitted. Built at start,
// read-only while serving.
class Chain {
 public:
  void Add(std::unique_ptr<Plugin> plugin) { plugins_.push_back(std::move(plugin)); }

  // Every step's Admit in order; the first error stops.
  absl::Status Admit(Request& request) const;
  // Every step's Validate in order; the first error stops.
  absl::Status Validate(const Request& request) const;

 private:
  std::vector<std::unique_ptr<Plugin>> plugins_;
};

}  // namespace kube::apiserver::admission
