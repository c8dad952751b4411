#include "apiserver/registry/admissionregistration/webhook_configuration_strategy.h"

#include <google/protobuf/util/message_differencer.h>

#include "apiserver/registry/admissionregistration/webhook_validation.h"
#include "k8s/admissionregistration/v1/admissionregistration.pb.h"

namespace kube::apiserver {
namespace {

using k8s::admissionregistration::v1::MutatingWebhookConfiguration;
using k8s::admissionregistration::v1::ValidatingWebhookConfiguration;

template <typename Configuration>
void DefaultConfiguration(google::protobuf::Message& object) {
  for (auto& webhook : *static_cast<Configuration&>(object).mutable_webhooks()) {
    admissionregistration::DefaultWebhook(webhook);
  }
}

// The kinds have no spec: the webhooks are what a new generation tracks.
template <typename Configuration>
bool WebhooksChanged(const google::protobuf::Message& object,
                     const google::protobuf::Message& old) {
  const auto& now = static_cast<const Configuration&>(object).webhooks();
  const auto& before = static_cast<const Configuration&>(old).webhooks();
  if (now.size() != before.size()) return true;
  for (int i = 0; i < now.size(); ++i) {
    if (!google::protobuf::util::MessageDifferencer::Equals(now.Get(i), before.Get(i))) {
      return true;
    }
  }
  return false;
}

}  // namespace

void ValidatingWebhookConfigurationStrategy::Default(google::protobuf::Message& object) const {
  DefaultConfiguration<ValidatingWebhookConfiguration>(object);
}

void ValidatingWebhookConfigurationStrategy::PrepareForCreate(
    google::protobuf::Message& object) const {
  static_cast<ValidatingWebhookConfiguration&>(object).mutable_metadata()->set_generation(1);
}

api::FieldErrors ValidatingWebhookConfigurationStrategy::Validate(
    const google::protobuf::Message& object) const {
  return admissionregistration::ValidateWebhooks(
      static_cast<const ValidatingWebhookConfiguration&>(object).webhooks());
}

bool ValidatingWebhookConfigurationStrategy::NewGeneration(
    const google::protobuf::Message& object, const google::protobuf::Message& old) const {
  return WebhooksChanged<ValidatingWebhookConfiguration>(object, old);
}

void MutatingWebhookConfigurationStrategy::Default(google::protobuf::Message& object) const {
  DefaultConfiguration<MutatingWebhookConfiguration>(object);
}

void MutatingWebhookConfigurationStrategy::PrepareForCreate(
    google::protobuf::Message& object) const {
  static_cast<MutatingWebhookConfiguration&>(object).mutable_metadata()->set_generation(1);
}

api::FieldErrors MutatingWebhookConfigurationStrategy::Validate(
    const google::protobuf::Message& object) const {
  return admissionregistration::ValidateWebhooks(
      static_cast<const MutatingWebhookConfiguration&>(object).webhooks());
}

bool MutatingWebhookConfigurationStrategy::NewGeneration(
    const google::protobuf::Message& object, const google::protobuf::Message& old) const {
  return WebhooksChanged<MutatingWebhookConfiguration>(object, old);
}

}  // namespace kube::apiserver
