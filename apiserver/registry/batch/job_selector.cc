#include "apiserver/registry/batch/job_selector.h"

#include "apiserver/registry/apps/go_format.h"
#include "apiserver/registry/apps/label_selector_validation.h"

namespace kube::apiserver {
namespace {

// apivalidation.ValidateHasLabel under spec.template.metadata.
void CheckHasLabel(const k8s::batch::v1::Job& job, const std::string& key,
                   const std::string& expected, api::FieldErrors& errors) {
  const auto& labels = job.spec().template_().metadata().labels();
  const std::string field = "spec.template.metadata.labels[" + key + "]";
  auto it = labels.find(key);
  if (it == labels.end()) {
    errors.push_back(api::Required(field, "must be '" + expected + "'"));
  } else if (it->second != expected) {
    errors.push_back(InvalidRendered(field, GoStringMap(labels), "must be '" + expected + "'"));
  }
}

}  // namespace

void GenerateJobSelector(k8s::batch::v1::Job& job) {
  if (job.spec().manualselector()) return;
  const std::string& name = job.metadata().name();
  const std::string& uid = job.metadata().uid();
  auto& labels = *job.mutable_spec()->mutable_template_()->mutable_metadata()->mutable_labels();
  // A label the user set is kept; a conflicting value fails validation.
  labels.insert({kLegacyJobNameLabel, name});
  labels.insert({kJobNameLabel, name});
  labels.insert({kLegacyControllerUidLabel, uid});
  labels.insert({kControllerUidLabel, uid});
  job.mutable_spec()->mutable_selector()->mutable_matchlabels()->insert({kControllerUidLabel, uid});
}

api::FieldErrors ValidateGeneratedSelector(const k8s::batch::v1::Job& job) {
  api::FieldErrors errors;
  if (job.spec().manualselector() || !job.spec().has_selector()) return errors;
  const std::string& uid = job.metadata().uid();
  const std::string& name = job.metadata().name();
  if (uid.empty()) errors.push_back(api::Required("metadata.uid"));
  CheckHasLabel(job, kLegacyControllerUidLabel, uid, errors);
  CheckHasLabel(job, kLegacyJobNameLabel, name, errors);
  CheckHasLabel(job, kControllerUidLabel, uid, errors);
  CheckHasLabel(job, kJobNameLabel, name, errors);
  google::protobuf::Map<std::string, std::string> expected;
  expected[kControllerUidLabel] = uid;
  expected[kJobNameLabel] = name;
  expected[kLegacyControllerUidLabel] = uid;
  expected[kLegacyJobNameLabel] = name;
  if (SelectorConverts(&job.spec().selector()) &&
      !SelectorMatches(&job.spec().selector(), expected)) {
    errors.push_back(InvalidRendered("spec.selector", GoLabelSelector(&job.spec().selector()),
                                     "`selector` not auto-generated"));
  }
  return errors;
}

}  // namespace kube::apiserver
