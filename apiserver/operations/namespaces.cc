#include "apiserver/operations/namespaces.h"

#include <memory>

#include "apiserver/registry/core/namespace_strategy.h"
#include "common/api/errors.h"
#include "common/util/strings.h"

namespace kube::apiserver {

using k8s::core::v1::Namespace;

absl::StatusOr<ObjectPtr> FinalizeNamespace(const Store& namespaces, std::string_view name,
                                            const Namespace& body, const WriteOptions& options) {
  if (!body.metadata().name().empty() && body.metadata().name() != name) {
    return api::BadRequestError(StrCat("the name of the object (", body.metadata().name(),
                                       ") does not match the name on the URL (", name, ")"));
  }
  if (api::FieldErrors errors = core::ValidateNamespaceFinalize(body); !errors.empty()) {
    return api::InvalidError("", "Namespace", name, std::move(errors));
  }
  // kUnchecked: the strategy's update rules keep spec.finalizers, which is exactly
  // what this subresource exists to change.
  return namespaces.Update(
      "", name,
      [&](const google::protobuf::Message& current) -> absl::StatusOr<ObjectPtr> {
        auto finalized = std::make_unique<Namespace>(body);
        core::PrepareNamespaceForFinalize(*finalized, static_cast<const Namespace&>(current));
        return ObjectPtr(std::move(finalized));
      },
      UpdateMode::kUnchecked, options);
}

}  // namespace kube::apiserver
