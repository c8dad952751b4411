// Feeds truncated and mutated JSON, YAML and protobuf envelopes to every entry point.
// Nothing here checks results: the inputs must only never crash, hang or throw.

#include <catch2/catch.hpp>
#include <google/protobuf/stubs/logging.h>
#include <random>

#include "codec_test.pb.h"
#include "common/codec/envelope.h"
#include "common/codec/json_decode.h"
#include "common/codec/json_encode.h"
#include "common/codec/yaml.h"
#include "common/codec/zero_values.h"

namespace kube::codec {
namespace {

constexpr int kIterations = 2000;

std::string Mutate(std::string input, std::mt19937& rng) {
  static constexpr std::string_view kInteresting = "{}[]\":,-0123456789.eE \n\t\\u&*!|>#'~<";
  auto pick = [&](size_t n) { return n == 0 ? 0 : std::uniform_int_distribution<size_t>(0, n - 1)(rng); };
  const int edits = 1 + static_cast<int>(pick(4));
  for (int i = 0; i < edits; ++i) {
    switch (pick(6)) {
      case 0:  // truncate
        input.resize(pick(input.size() + 1));
        break;
      case 1:  // flip a byte
        if (!input.empty()) input[pick(input.size())] ^= static_cast<char>(1 + pick(255));
        break;
      case 2:  // insert a syntax character
        input.insert(pick(input.size() + 1), 1, kInteresting[pick(kInteresting.size())]);
        break;
      case 3:  // delete a span
        if (!input.empty()) {
          size_t at = pick(input.size());
          input.erase(at, pick(16));
        }
        break;
      case 4:  // duplicate a span
        if (!input.empty()) {
          size_t at = pick(input.size());
          input.insert(pick(input.size() + 1), input.substr(at, pick(32)));
        }
        break;
      default:  // a random byte
        input.insert(pick(input.size() + 1), 1, static_cast<char>(pick(256)));
        break;
    }
  }
  return input;
}

testing::Pod FuzzSeedPod() {
  testing::Pod pod;
  pod.mutable_metadata()->set_name("web");
  pod.mutable_metadata()->mutable_creationtimestamp()->set_seconds(1700000000);
  (*pod.mutable_metadata()->mutable_labels())["app"] = "web";
  auto* c = pod.mutable_spec()->add_containers();
  c->set_name("app");
  c->add_args("-v");
  c->add_ports()->set_containerport(80);
  (*c->mutable_resources()->mutable_limits())["cpu"].set_string("1");
  c->mutable_livenessprobe()->mutable_handler()->mutable_httpget()->mutable_port()->set_intval(80);
  pod.mutable_spec()->set_terminationgraceperiodseconds(0);
  return pod;
}

void DecodeIntoEverything(std::string_view json) {
  std::vector<std::string> unknown;
  testing::Pod pod;
  if (DecodeJson(json, pod, &unknown).ok()) EncodeJson(pod);
  testing::Forms forms;
  if (DecodeJson(json, forms, &unknown).ok()) EncodeJson(forms);
  testing::Scalars scalars;
  (void)DecodeJson(json, scalars, &unknown);
  testing::Tree tree;
  (void)DecodeJson(json, tree, &unknown);
}

TEST_CASE("Mutated JSON never crashes", "[fuzz]") {
  std::mt19937 rng(1);
  testing::Forms forms;
  forms.mutable_port()->set_intval(1);
  forms.mutable_qty()->set_string("1Gi");
  forms.mutable_time()->set_seconds(1);
  forms.mutable_micro()->set_seconds(1);
  forms.mutable_raw()->set_raw(R"({"a":[1,{"b":null}]})");
  forms.mutable_dur()->set_duration(1000);
  testing::Scalars scalars;
  scalars.set_i64(-1);
  scalars.set_data("xyz");
  scalars.set_dbl(0.5);
  (*scalars.mutable_bynumber())[1] = "a";
  const std::string seeds[] = {EncodeJson(FuzzSeedPod()), EncodeJson(forms), EncodeJson(scalars),
                               R"({"child":{"child":{"children":[{},{"name":"x"}]}}})"};
  for (int i = 0; i < kIterations; ++i) {
    std::string input = Mutate(seeds[i % std::size(seeds)], rng);
    DecodeIntoEverything(input);
    (void)JsonToYaml(input);
  }
}

TEST_CASE("Mutated YAML never crashes", "[fuzz]") {
  std::mt19937 rng(2);
  const std::string seeds[] = {
      *JsonToYaml(EncodeJson(FuzzSeedPod())),
      "a: &a {x: [1, 2.5, yes, ~]}\nb:\n  <<: *a\n  c: |\n    text\n---\n- *a\n- 'q'\n",
      "{flow: [a, {b: c}], \"k\": !!str 1, ? complex : key}\n",
      "- - - - [x, y]\n  - &z z\n- *z\n...\n%YAML 1.1\n---\n!!binary aGk=\n"};
  for (int i = 0; i < kIterations; ++i) {
    std::string input = Mutate(seeds[i % std::size(seeds)], rng);
    absl::StatusOr<std::vector<std::string>> docs = YamlToJson(input);
    if (!docs.ok()) continue;
    for (const std::string& json : *docs) DecodeIntoEverything(json);
  }
}

TEST_CASE("Mutated protobuf envelopes never crash", "[fuzz]") {
  std::mt19937 rng(3);
  google::protobuf::LogSilencer quiet;  // protobuf logs invalid UTF-8 in proto2 strings
  const std::string seed = EncodeProtobufEnvelope("v1", "Pod", FuzzSeedPod());
  const std::string raw = FuzzSeedPod().SerializeAsString();
  int parsed = 0;
  for (int i = 0; i < kIterations; ++i) {
    // Half mutate the whole body, half only the object inside an intact envelope.
    std::string body = i % 2 == 0
                           ? Mutate(seed, rng)
                           : EncodeProtobufEnvelope({"v1", "Pod", Mutate(raw, rng), "", ""});
    absl::StatusOr<ProtobufEnvelope> envelope = DecodeProtobufEnvelope(body);
    if (!envelope.ok()) continue;
    testing::Pod pod;
    if (!pod.ParseFromString(envelope->raw)) continue;
    ++parsed;
    ClearZeroValues(pod);
    EncodeJson(pod);
  }
  CHECK(parsed > 20);  // the loop does reach the decoders
}

}  // namespace
}  // namespace kube::codec
