#include "apiserver/registry/storage/volume_attachment_strategy.h"

#include <google/protobuf/util/message_differencer.h>

#include "apiserver/registry/core/field_path.h"
#include "apiserver/registry/storage/storage_names.h"
#include "common/util/strings.h"
#include "common/validation/names.h"
#include "k8s/storage/v1/storage.pb.h"

namespace kube::apiserver {
namespace {

using k8s::storage::v1::VolumeAttachment;
using k8s::storage::v1::VolumeAttachmentSpec;
using k8s::storage::v1::VolumeAttachmentStatus;

constexpr size_t kMaxAttachmentMetadataSize = 256 * 1024;
constexpr size_t kMaxVolumeErrorMessageSize = 1024;
constexpr char kExactlyOneSource[] =
    "must specify exactly one of inlineVolumeSpec and persistentVolumeName";

void ValidateSpec(const VolumeAttachmentSpec& spec, api::FieldErrors& errors) {
  if (spec.attacher().empty()) errors.push_back(api::Required("spec.attacher"));
  const auto& source = spec.source();
  if (!source.has_inlinevolumespec() && !source.has_persistentvolumename()) {
    errors.push_back(api::Required("spec.source", kExactlyOneSource));
  } else if (source.has_inlinevolumespec() && source.has_persistentvolumename()) {
    errors.push_back(api::Forbidden("spec.source", kExactlyOneSource));
  } else if (source.has_persistentvolumename() && source.persistentvolumename().empty()) {
    errors.push_back(api::Required("spec.source.persistentVolumeName",
                                   "must specify non empty persistentVolumeName"));
  }
  for (const std::string& message : validation::IsDns1123Subdomain(spec.nodename())) {
    errors.push_back(api::Invalid("spec.nodeName", spec.nodename(), message));
  }
}

void ValidateVolumeError(const VolumeAttachmentStatus& status, bool attach,
                         api::FieldErrors& errors) {
  if (!(attach ? status.has_attacherror() : status.has_detacherror())) return;
  const auto& error = attach ? status.attacherror() : status.detacherror();
  if (error.message().size() > kMaxVolumeErrorMessageSize) {
    // Upstream reports the metadata limit here.
    errors.push_back(
        api::TooLong(attach ? "status.attachError.message" : "status.detachError.message", "",
                     kMaxAttachmentMetadataSize));
  }
}

void ValidateStatus(const VolumeAttachmentStatus& status, api::FieldErrors& errors) {
  size_t size = 0;
  for (const auto& [key, value] : status.attachmentmetadata()) size += key.size() + value.size();
  if (size > kMaxAttachmentMetadataSize) {
    errors.push_back(api::TooLong("status.attachmentMetadata", "", kMaxAttachmentMetadataSize));
  }
  ValidateVolumeError(status, /*attach=*/true, errors);
  ValidateVolumeError(status, /*attach=*/false, errors);
}

// Go's %#v of the spec, as upstream prints the immutable field (pointers, whose
// addresses Go prints, are shown by their values).
std::string RenderSpec(const VolumeAttachmentSpec& spec) {
  const auto& source = spec.source();
  std::string volume_name = source.has_persistentvolumename()
                                ? StrCat("&", api::QuoteValue(source.persistentvolumename()))
                                : "(*string)(nil)";
  std::string inline_spec = source.has_inlinevolumespec() ? "&core.PersistentVolumeSpec{...}"
                                                          : "(*core.PersistentVolumeSpec)(nil)";
  return StrCat("storage.VolumeAttachmentSpec{Attacher:", api::QuoteValue(spec.attacher()),
                ", Source:storage.VolumeAttachmentSource{PersistentVolumeName:", volume_name,
                ", InlineVolumeSpec:", inline_spec,
                "}, NodeName:", api::QuoteValue(spec.nodename()), "}");
}

}  // namespace

void VolumeAttachmentStrategy::PrepareForCreate(google::protobuf::Message& object) const {
  Strategy::PrepareForCreate(object);
  static_cast<VolumeAttachment&>(object).mutable_metadata()->clear_generation();
}

api::FieldErrors VolumeAttachmentStrategy::Validate(const google::protobuf::Message& object) const {
  const auto& attachment = static_cast<const VolumeAttachment&>(object);
  api::FieldErrors errors;
  ValidateSpec(attachment.spec(), errors);
  ValidateStatus(attachment.status(), errors);
  // The v1 rules upstream adds for new objects.
  storage_rules::ValidateCsiDriverName(attachment.spec().attacher(), "spec.attacher", errors);
  const auto& source = attachment.spec().source();
  if (source.has_persistentvolumename()) {
    for (const std::string& message :
         validation::IsDns1123Subdomain(source.persistentvolumename())) {
      errors.push_back(
          api::Invalid("spec.source.persistentVolumeName", source.persistentvolumename(), message));
    }
  }
  return errors;
}

api::FieldErrors VolumeAttachmentStrategy::ValidateUpdate(
    const google::protobuf::Message& object, const google::protobuf::Message& old) const {
  const auto& spec = static_cast<const VolumeAttachment&>(object).spec();
  api::FieldErrors errors;
  if (!google::protobuf::util::MessageDifferencer::Equals(
          spec, static_cast<const VolumeAttachment&>(old).spec())) {
    errors.push_back(
        core::InvalidRendered("spec", RenderSpec(spec), std::string(core::kImmutableMessage)));
  }
  return errors;
}

api::FieldErrors VolumeAttachmentStrategy::ValidateStatusUpdate(
    const google::protobuf::Message& object, const google::protobuf::Message& old) const {
  api::FieldErrors errors;
  ValidateStatus(static_cast<const VolumeAttachment&>(object).status(), errors);
  return errors;
}

}  // namespace kube::apiserver
