#include "apiserver/registry/core/volume_validation.h"

#include <algorithm>

#include "apiserver/registry/core/field_path.h"
#include "common/util/strings.h"
#include "common/validation/names.h"

namespace kube::apiserver::core {
namespace {

using k8s::core::v1::KeyToPath;
using k8s::core::v1::VolumeSource;

constexpr int32_t kMaxFileMode = 0777;
const char kFileModeMessage[] = "must be a number between 0 and 0777 (octal), both inclusive";

void ValidateMode(bool has_mode, int32_t mode, const std::string& field, api::FieldErrors& errors) {
  if (has_mode && (mode < 0 || mode > kMaxFileMode)) {
    errors.push_back(api::InvalidNumber(field, mode, kFileModeMessage));
  }
}

// A relative path without ".." elements (upstream's validateLocalDescendingPath).
void ValidateRelativePath(const std::string& value, const std::string& field,
                          api::FieldErrors& errors) {
  if (!value.empty() && value.front() == '/') {
    errors.push_back(api::Invalid(field, value, "must be a relative path"));
  }
  size_t start = 0;
  while (start <= value.size()) {
    size_t end = value.find('/', start);
    if (end == std::string::npos) end = value.size();
    if (value.compare(start, end - start, "..") == 0) {
      errors.push_back(api::Invalid(field, value, "must not contain '..'"));
      break;
    }
    start = end + 1;
  }
}

void ValidateKeyToPaths(const google::protobuf::RepeatedPtrField<KeyToPath>& items,
                        const std::string& path, api::FieldErrors& errors) {
  for (int i = 0; i < items.size(); ++i) {
    const KeyToPath& item = items.Get(i);
    const std::string item_path = Index(path, i);
    if (item.key().empty()) errors.push_back(api::Required(Child(item_path, "key")));
    if (item.path().empty()) {
      errors.push_back(api::Required(Child(item_path, "path")));
    } else {
      ValidateRelativePath(item.path(), Child(item_path, "path"), errors);
    }
    ValidateMode(item.has_mode(), item.mode(), Child(item_path, "mode"), errors);
  }
}

void ValidateDownwardApiFiles(
    const google::protobuf::RepeatedPtrField<k8s::core::v1::DownwardAPIVolumeFile>& items,
    const std::string& path, api::FieldErrors& errors) {
  for (int i = 0; i < items.size(); ++i) {
    const auto& item = items.Get(i);
    const std::string item_path = Index(path, i);
    if (item.path().empty()) {
      errors.push_back(api::Required(Child(item_path, "path")));
    } else {
      ValidateRelativePath(item.path(), Child(item_path, "path"), errors);
    }
    if (item.has_fieldref() && item.has_resourcefieldref()) {
      errors.push_back(api::Invalid(item_path, "resource",
                                    "fieldRef and resourceFieldRef can not be specified simultaneously"));
    } else if (!item.has_fieldref() && !item.has_resourcefieldref()) {
      errors.push_back(api::Required(item_path, "one of fieldRef and resourceFieldRef is required"));
    }
    ValidateMode(item.has_mode(), item.mode(), Child(item_path, "mode"), errors);
  }
}

void ValidateProjected(const k8s::core::v1::ProjectedVolumeSource& projected,
                       const std::string& path, api::FieldErrors& errors) {
  for (int i = 0; i < projected.sources_size(); ++i) {
    const auto& source = projected.sources(i);
    const std::string index_path = Index(Child(path, "sources"), i);
    if (CountSources(source, index_path, "projection", errors) == 0) {
      errors.push_back(api::Required(index_path, "must specify exactly 1 of: secret, configMap, "
                                                 "downwardAPI, serviceAccountToken, "
                                                 "clusterTrustBundle, podCertificate"));
    }
    if (source.has_secret()) {
      ValidateKeyToPaths(source.secret().items(), Child(Child(index_path, "secret"), "items"),
                         errors);
    }
    if (source.has_configmap()) {
      ValidateKeyToPaths(source.configmap().items(),
                         Child(Child(index_path, "configMap"), "items"), errors);
    }
    if (source.has_downwardapi()) {
      ValidateDownwardApiFiles(source.downwardapi().items(),
                               Child(Child(index_path, "downwardAPI"), "items"), errors);
    }
    if (source.has_serviceaccounttoken()) {
      const auto& token = source.serviceaccounttoken();
      const std::string token_path = Child(index_path, "serviceAccountToken");
      if (token.has_expirationseconds() && token.expirationseconds() < 600) {
        errors.push_back(api::InvalidNumber(Child(token_path, "expirationSeconds"),
                                            token.expirationseconds(),
                                            "may not specify a duration less than 10 minutes"));
      }
      if (token.path().empty()) errors.push_back(api::Required(Child(token_path, "path")));
    }
  }
  ValidateMode(projected.has_defaultmode(), projected.defaultmode(), Child(path, "defaultMode"),
               errors);
}

void ValidateVolumeSource(const VolumeSource& source, const std::string& path,
                          api::FieldErrors& errors) {
  if (CountSources(source, path, "volume", errors) == 0) {
    errors.push_back(api::Required(path, "must specify a volume type"));
  }
  if (source.has_hostpath()) ValidateHostPath(source.hostpath(), Child(path, "hostPath"), errors);
  if (source.has_secret()) {
    const std::string secret_path = Child(path, "secret");
    if (source.secret().secretname().empty()) {
      errors.push_back(api::Required(Child(secret_path, "secretName")));
    }
    ValidateKeyToPaths(source.secret().items(), Child(secret_path, "items"), errors);
    ValidateMode(source.secret().has_defaultmode(), source.secret().defaultmode(),
                 Child(secret_path, "defaultMode"), errors);
  }
  if (source.has_configmap()) {
    const std::string config_path = Child(path, "configMap");
    if (source.configmap().localobjectreference().name().empty()) {
      errors.push_back(api::Required(Child(config_path, "name")));
    }
    ValidateKeyToPaths(source.configmap().items(), Child(config_path, "items"), errors);
    ValidateMode(source.configmap().has_defaultmode(), source.configmap().defaultmode(),
                 Child(config_path, "defaultMode"), errors);
  }
  if (source.has_persistentvolumeclaim() && source.persistentvolumeclaim().claimname().empty()) {
    errors.push_back(api::Required(Child(Child(path, "persistentVolumeClaim"), "claimName")));
  }
  if (source.has_nfs()) ValidateNfs(source.nfs(), Child(path, "nfs"), errors);
  if (source.has_downwardapi()) {
    const std::string downward_path = Child(path, "downwardAPI");
    ValidateDownwardApiFiles(source.downwardapi().items(), Child(downward_path, "items"), errors);
    ValidateMode(source.downwardapi().has_defaultmode(), source.downwardapi().defaultmode(),
                 Child(downward_path, "defaultMode"), errors);
  }
  if (source.has_projected()) ValidateProjected(source.projected(), Child(path, "projected"), errors);
  if (source.has_csi() && source.csi().driver().empty()) {
    errors.push_back(api::Required(Child(Child(path, "csi"), "driver")));
  }
  if (source.has_ephemeral() && !source.ephemeral().has_volumeclaimtemplate()) {
    errors.push_back(api::Required(Child(Child(path, "ephemeral"), "volumeClaimTemplate")));
  }
  if (source.has_image() && source.image().reference().empty()) {
    errors.push_back(api::Required(Child(Child(path, "image"), "reference")));
  }
}

}  // namespace

int CountSources(const google::protobuf::Message& source, const std::string& path,
                 std::string_view noun, api::FieldErrors& errors) {
  std::vector<const google::protobuf::FieldDescriptor*> set_fields;
  source.GetReflection()->ListFields(source, &set_fields);  // in field-number order
  int count = 0;
  for (const auto* field : set_fields) {
    if (field->type() != google::protobuf::FieldDescriptor::TYPE_MESSAGE) continue;
    if (++count > 1) {
      errors.push_back(api::Forbidden(Child(path, field->name()),
                                      StrCat("may not specify more than 1 ", noun, " type")));
    }
  }
  return count;
}

void ValidateHostPath(const k8s::core::v1::HostPathVolumeSource& host_path, const std::string& path,
                      api::FieldErrors& errors) {
  if (host_path.path().empty()) {
    errors.push_back(api::Required(Child(path, "path")));
    return;
  }
  static const std::vector<std::string> kTypes = {"",     "BlockDevice", "CharDevice",
                                                  "Directory", "DirectoryOrCreate", "File",
                                                  "FileOrCreate", "Socket"};
  if (host_path.has_type() &&
      std::find(kTypes.begin(), kTypes.end(), host_path.type()) == kTypes.end()) {
    errors.push_back(api::NotSupported(Child(path, "type"), host_path.type(), kTypes));
  }
}

void ValidateNfs(const k8s::core::v1::NFSVolumeSource& nfs, const std::string& path,
                 api::FieldErrors& errors) {
  if (nfs.server().empty()) errors.push_back(api::Required(Child(path, "server")));
  if (nfs.path().empty()) {
    errors.push_back(api::Required(Child(path, "path")));
  } else if (nfs.path().front() != '/') {
    errors.push_back(api::Invalid(Child(path, "path"), nfs.path(), "must be an absolute path"));
  }
}

std::set<std::string> ValidateVolumes(
    const google::protobuf::RepeatedPtrField<k8s::core::v1::Volume>& volumes,
    const std::string& path, api::FieldErrors& errors) {
  std::set<std::string> names;
  for (int i = 0; i < volumes.size(); ++i) {
    const auto& volume = volumes.Get(i);
    const std::string volume_path = Index(path, i);
    const std::string name_path = Child(volume_path, "name");
    api::FieldErrors volume_errors;
    ValidateVolumeSource(volume.volumesource(), volume_path, volume_errors);
    if (volume.name().empty()) {
      volume_errors.push_back(api::Required(name_path));
    } else {
      for (const std::string& message : validation::IsDns1123Label(volume.name())) {
        volume_errors.push_back(api::Invalid(name_path, volume.name(), message));
      }
    }
    if (names.contains(volume.name())) {
      volume_errors.push_back(api::Duplicate(name_path, volume.name()));
    }
    if (volume_errors.empty()) {
      names.insert(volume.name());
    } else {
      Append(errors, std::move(volume_errors));
    }
  }
  return names;
}

}  // namespace kube::apiserver::core
