#include "common/codec/json_forms.h"

#include <catch2/catch.hpp>
#include <google/protobuf/util/message_differencer.h>

#include "codec_test.pb.h"
#include "common/codec/json_decode.h"
#include "common/codec/json_encode.h"
#include "common/codec/json_text.h"

namespace kube::codec {
namespace {

using google::protobuf::util::MessageDifferencer;
using testing::Forms;

Forms Decode(std::string_view json) {
  Forms forms;
  absl::Status status = DecodeJson(json, forms);
  INFO(status.ToString());
  REQUIRE(status.ok());
  return forms;
}

std::string FormsError(std::string_view json) {
  Forms forms;
  absl::Status status = DecodeJson(json, forms);
  REQUIRE_FALSE(status.ok());
  return std::string(status.message());
}

// Encodes only the given field's JSON value (skipping the always_emit ones).
std::string FieldJson(const Forms& forms, std::string_view name) {
  rapidjson::Document doc;
  EncodeJsonValue(forms, doc, doc.GetAllocator());
  std::string key(name);
  if (!doc.HasMember(key.c_str())) return "<absent>";
  rapidjson::Document copy;
  copy.CopyFrom(doc[key.c_str()], copy.GetAllocator());
  return WriteJson(copy);
}

TEST_CASE("IntOrString is a number or a string", "[forms]") {
  Forms f = Decode(R"({"port":8080,"ports":["http",0,3.0]})");
  CHECK(f.port().type() == 0);
  CHECK(f.port().intval() == 8080);
  CHECK(f.ports(0).type() == 1);
  CHECK(f.ports(0).strval() == "http");
  CHECK(f.ports(1).ByteSizeLong() == 0);  // zero stays minimal
  CHECK(f.ports(2).intval() == 3);
  CHECK(FieldJson(f, "ports") == R"(["http",0,3])");
  CHECK(FieldJson(Decode(R"({"port":""})"), "port") == R"("")");
  CHECK(FormsError(R"({"port":true})") == "port: expected integer or string, got bool");
  CHECK(FormsError(R"({"port":1.5})") == "port: expected integer, got 1.5");
  CHECK(FormsError(R"({"port":3000000000})") == "port: integer 3000000000 out of range");
}

TEST_CASE("Quantity is a string in Go's canonical form, from strings and numbers alike", "[forms]") {
  Forms f = Decode(R"({"qty":" 1Gi ","resources":{"a":1,"b":0.5,"c":1000,"d":"1.5e3","e":-2}})");
  CHECK(f.qty().string() == "1Gi");
  CHECK(f.resources().at("a").string() == "1");
  CHECK(f.resources().at("b").string() == "500m");
  CHECK(f.resources().at("c").string() == "1k");
  // Canonical form has no fractional mantissa: "1.5e3" is 1500.
  CHECK(f.resources().at("d").string() == "1500");
  CHECK(f.resources().at("e").string() == "-2");
  CHECK(FieldJson(f, "resources") == R"({"a":"1","b":"500m","c":"1k","d":"1500","e":"-2"})");
  CHECK(Decode(R"({"qty":"1000m"})").qty().string() == "1");
  CHECK(FormsError(R"({"qty":"1 Gi"})").rfind(R"(qty: invalid quantity "1 Gi")", 0) == 0);
  CHECK(FormsError(R"({"resources":{"cpu":"abc"}})").rfind("resources.cpu: invalid quantity", 0) == 0);
  CHECK(FormsError(R"({"qty":""})").rfind("qty: invalid quantity", 0) == 0);
  CHECK(FormsError(R"({"qty":{}})") == "qty: expected quantity string or number, got object");
}

TEST_CASE("Time is RFC 3339 in seconds and null when zero", "[forms]") {
  Forms f = Decode(R"({"time":"2006-01-02T08:04:05-07:00","times":["2024-02-29T00:00:00.5Z"]})");
  CHECK(f.time().seconds() == 1136214245);
  CHECK(f.time().nanos() == 0);
  CHECK(f.times(0).nanos() == 500000000);
  CHECK(FieldJson(f, "time") == R"("2006-01-02T15:04:05Z")");
  CHECK(FieldJson(f, "times") == R"(["2024-02-29T00:00:00Z"])");
  Forms null_time = Decode(R"({"time":null,"ptrTime":null})");
  CHECK_FALSE(null_time.has_time());
  CHECK_FALSE(null_time.has_ptrtime());
  CHECK(FormsError(R"({"time":1136214245})") ==
        "time: expected RFC 3339 time string, got number");
  CHECK(FormsError(R"({"time":"2023-02-29T00:00:00Z"})").find("day out of range") !=
        std::string::npos);
}

TEST_CASE("MicroTime keeps six fractional digits", "[forms]") {
  Forms f = Decode(R"({"micro":"2006-01-02T15:04:05.1234567+00:00"})");
  CHECK(f.micro().nanos() == 123456700);
  CHECK(FieldJson(f, "micro") == R"("2006-01-02T15:04:05.123456Z")");
  CHECK(FieldJson(Decode(R"({"micro":"2006-01-02T15:04:05Z"})"), "micro") ==
        R"("2006-01-02T15:04:05.000000Z")");
}

TEST_CASE("RawExtension embeds its JSON bytes", "[forms]") {
  Forms f = Decode(R"({"raw":{ "kind" : "Pod", "n": [1, 2.5, true, null] },"raws":[7,"s",[]]})");
  CHECK(f.raw().raw() == R"({"kind":"Pod","n":[1,2.5,true,null]})");
  CHECK(f.raws(0).raw() == "7");
  CHECK(f.raws(1).raw() == R"("s")");
  CHECK(f.raws(2).raw() == "[]");
  CHECK(FieldJson(f, "raw") == R"({"kind":"Pod","n":[1,2.5,true,null]})");
  CHECK_FALSE(Decode(R"({"raw":null})").has_raw());
}

TEST_CASE("Duration is a Go duration string", "[forms]") {
  Forms f = Decode(R"({"dur":"1h2m3.5s"})");
  CHECK(f.dur().duration() == 3723500000000);
  CHECK(FieldJson(f, "dur") == R"("1h2m3.5s")");
  CHECK(FieldJson(Decode(R"({"dur":"-1.5us"})"), "dur") == "\"-1.5\u00b5s\"");
  CHECK(FormsError(R"({"dur":5})") == "dur: expected duration string, got number");
  CHECK(FormsError(R"({"dur":"5"})") == R"(dur: invalid duration "5": missing unit)");
}

TEST_CASE("A string list is a JSON array of strings, null when empty", "[forms]") {
  Forms f = Decode(R"({"extra":{"b":["x","y"],"a":[],"c":null}})");
  REQUIRE(f.extra().size() == 3);
  CHECK(f.extra().at("b").items_size() == 2);
  CHECK(f.extra().at("b").items(1) == "y");
  CHECK(f.extra().at("a").items_size() == 0);
  CHECK(FieldJson(f, "extra") == R"({"a":null,"b":["x","y"],"c":null})");
  CHECK(FormsError(R"({"extra":{"a":"x"}})") == "extra.a: expected array of strings, got string");
  CHECK(FormsError(R"({"extra":{"a":[1]}})") == "extra.a: expected string, got number");
}

TEST_CASE("Every form round-trips", "[forms]") {
  Forms f;
  f.mutable_port()->set_intval(-3);
  f.mutable_qty()->set_string("250m");
  f.mutable_time()->set_seconds(-86400);
  f.mutable_micro()->set_seconds(1);
  f.mutable_micro()->set_nanos(5000);
  f.mutable_raw()->set_raw(R"({"a":{"b":[]}})");
  f.mutable_dur()->set_duration(-90000000000);
  (*f.mutable_resources())["x"].set_string("2Ki");
  f.mutable_alwaysport()->set_type(1);
  f.mutable_alwaysport()->set_strval("name");
  // always_emit forms decode as present: Go structs have no absence.
  f.mutable_alwaysqty()->set_string("0");
  f.mutable_alwaysdur();
  (*f.mutable_extra())["k"].add_items("v1");
  (*f.mutable_extra())["k"].add_items("v2");
  Forms back = Decode(EncodeJson(f));
  CHECK(MessageDifferencer::Equals(f, back));
}

}  // namespace
}  // namespace kube::codec
