#include "controller-manager/deployment/template_hash.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

namespace kube::kcm::deployment {
namespace {

// upstream's rand.SafeEncodeString alphabet: no vowels, no 0/1/3.
constexpr char kAlphabet[] = "bcdfghjklmnpqrstvwxz2456789";

std::string DeterministicBytes(const google::protobuf::Message& message) {
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream output(&bytes);
    google::protobuf::io::CodedOutputStream coded(&output);
    coded.SetSerializationDeterministic(true);  // map order fixed
    message.SerializeToCodedStream(&coded);
  }
  return bytes;
}

}  // namespace

std::string TemplateHash(const k8s::core::v1::PodTemplateSpec& pod_template,
                         int32_t collision_count) {
  uint32_t hash = 2166136261u;
  auto mix = [&hash](const std::string& bytes) {
    for (unsigned char c : bytes) {
      hash ^= c;
      hash *= 16777619u;
    }
  };
  mix(DeterministicBytes(WithoutHashLabel(pod_template)));
  if (collision_count > 0) mix(std::to_string(collision_count));
  std::string decimal = std::to_string(hash);
  std::string out;
  for (char c : decimal) out.push_back(kAlphabet[static_cast<unsigned char>(c) % (sizeof(kAlphabet) - 1)]);
  return out;
}

k8s::core::v1::PodTemplateSpec WithoutHashLabel(const k8s::core::v1::PodTemplateSpec& pod_template) {
  k8s::core::v1::PodTemplateSpec copy = pod_template;
  copy.mutable_metadata()->mutable_labels()->erase(kPodTemplateHashLabel);
  return copy;
}

}  // namespace kube::kcm::deployment
