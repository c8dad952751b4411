// The fast codec against the codec as it was before (testing/reference_codec.h): the
// same JSON bytes, the same DOM, the same decoded messages and errors, the same
// ClearZeroValues, on the captured kubectl bodies, realistic API objects, and random
// messages of every type in the test schema and the Kubernetes schema.

#include <google/protobuf/stubs/logging.h>
#include <google/protobuf/util/field_comparator.h>
#include <google/protobuf/util/message_differencer.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <random>
#include <set>
#include <sstream>

#include "codec_test.pb.h"
#include "common/codec/encode_reflection.h"
#include "common/codec/envelope.h"
#include "common/codec/json_decode.h"
#include "common/codec/json_encode.h"
#include "common/codec/json_text.h"
#include "common/codec/json_writer.h"
#include "common/codec/message_info.h"
#include "common/codec/rfc3339.h"
#include "common/codec/testing/random_message.h"
#include "common/codec/testing/reference_codec.h"
#include "common/codec/zero_values.h"
#include "k8s/apps/v1/apps.pb.h"
#include "k8s/core/v1/core.pb.h"
#include "common/codec/testing/kubectl_vectors.h"

namespace kube::codec {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::Message;
using google::protobuf::util::MessageDifferencer;

// Random strings hold invalid UTF-8, which protobuf logs when it serializes them (the
// wire path does) in builds without NDEBUG.
const google::protobuf::LogSilencer* const kQuiet = new google::protobuf::LogSilencer;

// Equal messages, NaN equal to NaN.
bool Same(const Message& a, const Message& b) {
  google::protobuf::util::DefaultFieldComparator comparator;
  comparator.set_treat_nan_as_equal(true);
  MessageDifferencer differencer;
  differencer.set_field_comparator(&comparator);
  return differencer.Compare(a, b);
}

std::unique_ptr<Message> NewMessage(const Descriptor* type) {
  return std::unique_ptr<Message>(
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(type)->New());
}

// Through reflection only, as for types the wire path does not take.
std::string EncodeByReflection(const Message& message, const EncodeOptions& options = {}) {
  std::string out;
  {
    internal::JsonWriter writer(out);
    internal::EncodeByReflection(message, internal::InfoOf(message.GetDescriptor()),
                                 options.type_meta, writer);
  }
  return out;
}

// Every way of encoding `message` writes what the reference wrote.
void CheckEncoding(const Message& message) {
  for (bool type_meta : {true, false}) {
    const EncodeOptions options{.type_meta = type_meta};
    const std::string expected = reference::EncodeJson(message, options);
    REQUIRE(EncodeJson(message, options) == expected);
    REQUIRE(EncodeByReflection(message, options) == expected);

    rapidjson::Document expected_dom, dom;
    reference::EncodeJsonValue(message, expected_dom, expected_dom.GetAllocator(), options);
    EncodeJsonValue(message, dom, dom.GetAllocator(), options);
    REQUIRE(WriteJson(dom) == expected);
    REQUIRE(dom == expected_dom);
  }
}

std::string MutateJson(std::string input, std::mt19937& rng) {
  static constexpr std::string_view kInteresting = "{}[]\":,-0123456789.eEn \\u";
  auto pick = [&](size_t n) {
    return n == 0 ? 0 : std::uniform_int_distribution<size_t>(0, n - 1)(rng);
  };
  switch (pick(4)) {
    case 0:
      if (!input.empty()) input[pick(input.size())] = kInteresting[pick(kInteresting.size())];
      break;
    case 1:
      input.insert(pick(input.size() + 1), 1, kInteresting[pick(kInteresting.size())]);
      break;
    case 2:
      if (!input.empty()) input.erase(pick(input.size()), 1 + pick(8));
      break;
    default: {
      // A key repeated: duplicate a member of the outermost object.
      size_t comma = input.find(',', pick(input.size() + 1));
      if (comma != std::string::npos) {
        size_t next = input.find(',', comma + 1);
        if (next != std::string::npos) input.insert(next, input.substr(comma, next - comma));
      }
    }
  }
  return input;
}

// The one intended difference from the reference decoder: a non-pointer field
// holding its zero value is decoded as absent. Normalizing both sides the same way
// (ClearZeroValues) compares everything else exactly.
bool SameDecoded(Message& actual, Message& expected) {
  ClearZeroValues(actual);
  ClearZeroValues(expected);
  return Same(actual, expected);
}

// Decoding `json` into a `type` gives the reference's status, unknown keys and message.
void CheckDecoding(std::string_view json, const Descriptor* type) {
  auto expected = NewMessage(type);
  auto actual = NewMessage(type);
  std::vector<std::string> expected_unknown, actual_unknown;
  const absl::Status expected_status = reference::DecodeJson(json, *expected, &expected_unknown);
  const absl::Status status = DecodeJson(json, *actual, &actual_unknown);
  INFO(json);
  REQUIRE(status.ToString() == expected_status.ToString());
  REQUIRE(actual_unknown == expected_unknown);
  REQUIRE(SameDecoded(*actual, *expected));

  rapidjson::Document document;
  if (!ParseJson(json, document).ok()) return;
  actual_unknown.clear();
  expected_unknown.clear();
  REQUIRE(DecodeJsonValue(document, *actual, &actual_unknown).ToString() ==
          reference::DecodeJsonValue(document, *expected, &expected_unknown).ToString());
  REQUIRE(actual_unknown == expected_unknown);
  REQUIRE(SameDecoded(*actual, *expected));
}

void CheckClearZeroValues(const Message& message) {
  std::unique_ptr<Message> expected(message.New()), actual(message.New());
  expected->CopyFrom(message);
  actual->CopyFrom(message);
  reference::ClearZeroValues(*expected);
  ClearZeroValues(*actual);
  REQUIRE(Same(*actual, *expected));
}

void CheckEverything(const Message& message, std::mt19937& rng) {
  CheckEncoding(message);
  CheckClearZeroValues(message);
  const std::string json = reference::EncodeJson(message);
  CheckDecoding(json, message.GetDescriptor());
  for (int i = 0; i < 3; ++i) CheckDecoding(MutateJson(json, rng), message.GetDescriptor());
}

// The message types of the files that define `roots`, and of the files they import.
std::vector<const Descriptor*> MessageTypes(std::vector<const Descriptor*> roots) {
  std::vector<const google::protobuf::FileDescriptor*> files;
  std::set<const google::protobuf::FileDescriptor*> seen;
  for (const Descriptor* root : roots) files.push_back(root->file());
  std::vector<const Descriptor*> types;
  for (size_t i = 0; i < files.size(); ++i) {
    if (!seen.insert(files[i]).second) continue;
    for (int d = 0; d < files[i]->dependency_count(); ++d) files.push_back(files[i]->dependency(d));
    if (files[i]->package().rfind("google.protobuf", 0) == 0) continue;
    std::vector<const Descriptor*> pending;
    for (int m = 0; m < files[i]->message_type_count(); ++m)
      pending.push_back(files[i]->message_type(m));
    while (!pending.empty()) {
      const Descriptor* type = pending.back();
      pending.pop_back();
      // The reference codec predates json_remainder, which has its own tests.
      if (!type->options().map_entry() && type->name() != "Widget") types.push_back(type);
      for (int n = 0; n < type->nested_type_count(); ++n) pending.push_back(type->nested_type(n));
    }
  }
  return types;
}

TEST_CASE("The codec matches the reference on random messages of every type", "[equivalence]") {
  const std::vector<const Descriptor*> types =
      MessageTypes({testing::Pod::descriptor(), testing::WireShapes::descriptor(),
                    k8s::core::v1::Pod::descriptor(), k8s::apps::v1::Deployment::descriptor()});
  REQUIRE(types.size() > 100);
  std::mt19937 rng(20240611);
  for (const Descriptor* type : types) {
    INFO(type->full_name());
    auto message = NewMessage(type);
    for (int seed = 0; seed < 8; ++seed) {
      kube::codec::testing::FillRandom(*message, rng, 6);
      CheckEverything(*message, rng);
    }
  }
}

TEST_CASE("The codec matches the reference on the test schema's shapes", "[equivalence]") {
  std::mt19937 rng(7);
  for (const Descriptor* type :
       {testing::Scalars::descriptor(), testing::Emission::descriptor(),
        testing::Forms::descriptor(), testing::Pod::descriptor(), testing::PodList::descriptor(),
        testing::WireShapes::descriptor(), testing::Tree::descriptor()}) {
    INFO(type->full_name());
    auto message = NewMessage(type);
    CheckEverything(*message, rng);  // empty: only the always-emitted fields
    for (int seed = 0; seed < 150; ++seed) {
      kube::codec::testing::FillRandom(*message, rng, 6);
      CheckEverything(*message, rng);
    }
  }
}

TEST_CASE("The codec matches the reference on the kubectl bodies", "[equivalence]") {
  std::mt19937 rng(1);
  auto check = [&](const std::string& name, Message& object) {
    INFO(name);
    absl::StatusOr<ProtobufEnvelope> envelope = DecodeProtobufEnvelope(testing::ReadKubectlVector(name));
    REQUIRE(envelope.ok());
    REQUIRE(object.ParseFromString(envelope->raw));
    CheckEverything(object, rng);  // as kubectl sent it, zero values and all
    ClearZeroValues(object);
    CheckEverything(object, rng);
  };
  k8s::core::v1::Namespace ns;
  check("create-namespace.bin", ns);
  k8s::core::v1::ConfigMap config_map;
  check("create-configmap.bin", config_map);
  k8s::core::v1::Secret secret;
  check("create-secret.bin", secret);
  k8s::apps::v1::Deployment deployment;
  check("create-deployment.bin", deployment);
}

// A pod as kube-apiserver stores it after a create (as in tests/perf/codec_bench.cc).
k8s::core::v1::Pod StoredPod() {
  k8s::core::v1::Pod pod;
  REQUIRE(
      DecodeJson(R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-7d4b9c","namespace":)"
                 R"("default","labels":{"app":"web","tier":"front"},"annotations":{"note":"x"}},)"
                 R"("spec":{"containers":[{"name":"web","image":"nginx:1.27","args":["sleep",)"
                 R"("3600"],"ports":[{"name":"http","containerPort":80,"protocol":"TCP"}],"env":)"
                 R"([{"name":"MODE","value":"prod"}],"resources":{"requests":{"cpu":"100m",)"
                 R"("memory":"64Mi"},"limits":{"cpu":"500m","memory":"128Mi"}},"volumeMounts":)"
                 R"([{"name":"data","mountPath":"/data"}],"readinessProbe":{"httpGet":{"path":)"
                 R"("/healthz","port":80},"periodSeconds":5}}],"volumes":[{"name":"data",)"
                 R"("emptyDir":{}}]}})",
                 pod)
          .ok());
  auto* meta = pod.mutable_metadata();
  meta->set_uid("6f1c2b8e-3d4a-4b7c-9e21-5a8f0d3c7b14");
  meta->set_resourceversion("12345");
  meta->mutable_creationtimestamp()->set_seconds(1717171717);
  auto* spec = pod.mutable_spec();
  spec->set_restartpolicy("Always");
  spec->set_terminationgraceperiodseconds(30);
  spec->set_dnspolicy("ClusterFirst");
  spec->set_serviceaccountname("default");
  spec->mutable_securitycontext();
  spec->set_schedulername("default-scheduler");
  spec->set_priority(0);
  spec->set_enableservicelinks(true);
  auto* toleration = spec->add_tolerations();
  toleration->set_key("node.kubernetes.io/not-ready");
  toleration->set_operator_("Exists");
  toleration->set_effect("NoExecute");
  toleration->set_tolerationseconds(300);
  auto* container = spec->mutable_containers(0);
  container->set_terminationmessagepath("/dev/termination-log");
  container->set_imagepullpolicy("IfNotPresent");
  container->mutable_readinessprobe()->set_timeoutseconds(1);
  pod.mutable_status()->set_phase("Pending");
  pod.mutable_status()->set_qosclass("Burstable");
  return pod;
}

TEST_CASE("The codec matches the reference on realistic objects", "[equivalence]") {
  std::mt19937 rng(2);
  const k8s::core::v1::Pod pod = StoredPod();
  CheckEverything(pod, rng);
  // The stored pod's JSON, as the encoder wrote it before the fast paths.
  CHECK(EncodeJson(pod) ==
        R"({"kind":"Pod","apiVersion":"v1","metadata":{"name":"web-7d4b9c","namespace":)"
        R"("default","uid":"6f1c2b8e-3d4a-4b7c-9e21-5a8f0d3c7b14","resourceVersion":"12345",)"
        R"("creationTimestamp":"2024-05-31T16:08:37Z","labels":{"app":"web","tier":"front"},)"
        R"("annotations":{"note":"x"}},"spec":{"volumes":[{"name":"data","emptyDir":{}}],)"
        R"("containers":[{"name":"web","image":"nginx:1.27","args":["sleep","3600"],"ports":)"
        R"([{"name":"http","containerPort":80,"protocol":"TCP"}],"env":[{"name":"MODE",)"
        R"("value":"prod"}],"resources":{"limits":{"cpu":"500m","memory":"128Mi"},)"
        R"("requests":{"cpu":"100m","memory":"64Mi"}},"volumeMounts":[{"name":"data",)"
        R"("mountPath":"/data"}],"readinessProbe":{"httpGet":{"path":"/healthz","port":80},)"
        R"("timeoutSeconds":1,"periodSeconds":5},"terminationMessagePath":)"
        R"("/dev/termination-log","imagePullPolicy":"IfNotPresent"}],"restartPolicy":)"
        R"("Always","terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst",)"
        R"("serviceAccountName":"default","securityContext":{},"schedulerName":)"
        R"("default-scheduler","tolerations":[{"key":"node.kubernetes.io/not-ready",)"
        R"("operator":"Exists","effect":"NoExecute","tolerationSeconds":300}],"priority":0,)"
        R"("enableServiceLinks":true},"status":{"phase":"Pending","qosClass":"Burstable"}})");

  k8s::apps::v1::Deployment deployment;
  deployment.mutable_metadata()->set_name("web");
  deployment.mutable_spec()->set_replicas(3);
  (*deployment.mutable_spec()->mutable_selector()->mutable_matchlabels())["app"] = "web";
  *deployment.mutable_spec()->mutable_template_()->mutable_spec() = pod.spec();
  deployment.mutable_spec()->mutable_strategy()->set_type("RollingUpdate");
  deployment.mutable_spec()
      ->mutable_strategy()
      ->mutable_rollingupdate()
      ->mutable_maxsurge()
      ->set_type(1);
  deployment.mutable_spec()
      ->mutable_strategy()
      ->mutable_rollingupdate()
      ->mutable_maxsurge()
      ->set_strval("25%");
  deployment.mutable_status()->set_replicas(3);
  deployment.mutable_status()->add_conditions()->set_type("Available");
  CheckEverything(deployment, rng);

  k8s::core::v1::Service service;
  service.mutable_metadata()->set_name("web");
  service.mutable_spec()->set_type("ClusterIP");
  service.mutable_spec()->set_clusterip("10.0.0.10");
  auto* port = service.mutable_spec()->add_ports();
  port->set_port(80);
  port->mutable_targetport()->set_intval(8080);
  (*service.mutable_spec()->mutable_selector())["app"] = "web";
  CheckEverything(service, rng);

  k8s::core::v1::Node node;
  node.mutable_metadata()->set_name("node-1");
  (*node.mutable_status()->mutable_capacity())["cpu"].set_string("4");
  (*node.mutable_status()->mutable_allocatable())["memory"].set_string("8Gi");
  auto* condition = node.mutable_status()->add_conditions();
  condition->set_type("Ready");
  condition->set_status("True");
  condition->mutable_lastheartbeattime()->set_seconds(1717171717);
  node.mutable_status()->add_addresses()->set_address("192.168.1.10");
  node.mutable_status()->mutable_nodeinfo()->set_kubeletversion("v1.32.0");
  CheckEverything(node, rng);
}

TEST_CASE("The codec matches the reference past the nesting limits", "[equivalence]") {
  std::mt19937 rng(3);
  testing::Tree tree;
  testing::Tree* node = &tree;
  for (int i = 0; i < 250; ++i) {
    node->set_name("n");
    node = node->mutable_child();
  }
  CheckEncoding(tree);
  CheckClearZeroValues(tree);
}

TEST_CASE("The wire path skips unknown fields as reflection does", "[equivalence]") {
  std::mt19937 rng(4);
  const k8s::core::v1::Pod pod = StoredPod();
  std::string bytes = pod.SerializeAsString();
  // Unknown numbers of every wire type, and a known number (1, metadata) as a varint.
  bytes += std::string("\xb8\x3e\x05", 3);  // 999: varint 5
  bytes += std::string(
      "\xb9\x3e"
      "12345678",
      10);  // 999: fixed64
  bytes += std::string(
      "\xba\x3e\x02"
      "ab",
      5);  // 999: length-delimited
  bytes += std::string(
      "\xbd\x3e"
      "1234",
      6);                               // 999: fixed32
  bytes += std::string("\x08\x01", 2);  // 1 (metadata): varint
  k8s::core::v1::Pod with_unknown;
  REQUIRE(with_unknown.ParseFromString(bytes));
  REQUIRE(with_unknown.GetReflection()->GetUnknownFields(with_unknown).field_count() == 5);
  CheckEncoding(with_unknown);
  // A group among them: the wire reader gives up and reflection writes the message.
  bytes += std::string("\xbb\x3e\xbc\x3e", 4);  // 999: start group, end group
  REQUIRE(with_unknown.ParseFromString(bytes));
  CheckEncoding(with_unknown);
}

TEST_CASE("The decoder matches the reference on repeated and unknown keys", "[equivalence]") {
  std::string labels;
  for (int i = 0; i < 40; ++i)
    labels += "\"k" + std::to_string(i % 30) + "\":\"v" + std::to_string(i) + "\",";
  labels.pop_back();
  for (
      const std::string& json : std::vector<std::string>{
          R"({"kind":"Pod","apiVersion":"v1","metadata":{"name":"a","name":"b","labels":{"x":"1","x":"2"}}})",
          R"({"kind":7})",
          R"({"metadata":{"labels":{)" + labels +
              R"(}},"spec":{"containers":[{"name":"c","imagee":"x"}]}})",
          R"({"spec":{"containers":[{"livenessProbe":{"httpGet":{"port":"http"},"exec":null,"httpGet":{"port":8}}}]}})",
          R"({"spec":{"containers":[{"ports":[{"containerPort":"80"}]}]}})",
          R"({"metadata":null,"spec":{"nodeSelector":{"a":null}}})",
      }) {
    CheckDecoding(json, testing::Pod::descriptor());
    CheckDecoding(json, k8s::core::v1::Pod::descriptor());
  }
}

TEST_CASE("FormatRfc3339 matches the reference", "[equivalence][rfc3339]") {
  std::mt19937 rng(5);
  std::uniform_int_distribution<int64_t> seconds(-70'000'000'000, 300'000'000'000);
  std::uniform_int_distribution<int32_t> nanos(-1'500'000'000, 1'500'000'000);
  for (int i = 0; i < 20000; ++i) {
    const UnixTime time{seconds(rng), nanos(rng)};
    const int digits = i % 11;
    REQUIRE(FormatRfc3339(time, digits) == reference::FormatRfc3339(time, digits));
  }
}

TEST_CASE("ParseJson matches the reference", "[equivalence][parse]") {
  std::mt19937 rng(8);
  k8s::core::v1::Pod pod = StoredPod();
  const std::string json = EncodeJson(pod);
  int parsed = 0, bad_encoding = 0;
  for (int i = 0; i < 5000; ++i) {
    std::string text = json;
    // Bytes of every kind, inside strings and out.
    for (int edits = 1 + i % 3; edits > 0; --edits) {
      text.insert(rng() % (text.size() + 1), kube::codec::testing::RandomString(rng).substr(0, 4));
      if (i % 4 == 0) text[rng() % text.size()] = static_cast<char>(rng() % 256);
    }
    rapidjson::Document expected, actual;
    const absl::Status expected_status = reference::ParseJson(text, expected);
    REQUIRE(ParseJson(text, actual).ToString() == expected_status.ToString());
    if (expected_status.ok()) REQUIRE(WriteJson(actual) == WriteJson(expected));
    parsed += expected_status.ok();
    bad_encoding += expected_status.message().find("Invalid encoding") != std::string::npos;
  }
  CHECK(parsed > 100);
  CHECK(bad_encoding > 100);
}

TEST_CASE("IsValidUtf8 and string escaping match the reference", "[equivalence][utf8]") {
  std::mt19937 rng(6);
  for (int i = 0; i < 20000; ++i) {
    std::string text = kube::codec::testing::RandomString(rng);
    if (i % 2 == 0) text += std::string(1, static_cast<char>(rng() % 256)) + text;
    REQUIRE(IsValidUtf8(text) == reference::IsValidUtf8(text));
    if (!IsValidUtf8(text)) continue;
    std::string escaped;
    internal::AppendJsonString(escaped, text);
    rapidjson::Value value(text.data(), static_cast<rapidjson::SizeType>(text.size()));
    REQUIRE(escaped == WriteJson(value));
  }
}

}  // namespace
}  // namespace kube::codec
