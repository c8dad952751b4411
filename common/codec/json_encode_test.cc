#include "common/codec/json_encode.h"

#include <catch2/catch.hpp>

#include "codec_test.pb.h"

namespace kube::codec {
namespace {

using testing::Emission;
using testing::Forms;
using testing::Pod;
using testing::PodList;
using testing::Scalars;

TEST_CASE("EncodeJson writes every scalar type", "[json][encode]") {
  Scalars s;
  s.set_i32(-5);
  s.set_i64(int64_t{1} << 53);
  s.set_u32(4000000000u);
  s.set_u64(18446744073709551615ull);
  s.set_s32(-7);
  s.set_s64(-9000000000);
  s.set_f32(7);
  s.set_f64(8);
  s.set_sf32(-9);
  s.set_sf64(-10);
  s.set_flt(0.1f);
  s.set_dbl(1e21);
  s.set_flag(true);
  s.set_str("h\u00e9\"llo\n");
  s.set_data(std::string("\x00\xff\x10", 3));
  s.set_color(testing::GREEN);
  CHECK(EncodeJson(s) ==
        R"({"i32":-5,"i64":9007199254740992,"u32":4000000000,"u64":18446744073709551615,)"
        R"("s32":-7,"s64":-9000000000,"f32":7,"f64":8,"sf32":-9,"sf64":-10,"flt":0.1,)"
        R"("dbl":1e+21,"flag":true,"str":"hé\"llo\n","data":"AP8Q","color":"GREEN"})");
}

TEST_CASE("EncodeJson formats floats as Go does", "[json][encode]") {
  Scalars s;
  auto encode = [&](double d) {
    s.set_dbl(d);
    return EncodeJson(s);
  };
  CHECK(encode(1) == R"({"dbl":1})");
  CHECK(encode(0.5) == R"({"dbl":0.5})");
  CHECK(encode(-2.25) == R"({"dbl":-2.25})");
  CHECK(encode(1e-7) == R"({"dbl":1e-7})");
  CHECK(encode(123456789.0) == R"({"dbl":123456789})");
  CHECK(encode(1e20) == R"({"dbl":100000000000000000000})");
  CHECK(encode(std::numeric_limits<double>::quiet_NaN()) == R"({"dbl":null})");
}

TEST_CASE("EncodeJson replaces invalid UTF-8 like Go", "[json][encode]") {
  Scalars s;
  s.set_str("a\xffz");
  CHECK(EncodeJson(s) == "{\"str\":\"a\xEF\xBF\xBDz\"}");
}

TEST_CASE("EncodeJson omits zero values unless pointer or always_emit", "[json][encode]") {
  Emission e;
  SECTION("absent fields") {
    CHECK(EncodeJson(e) ==
          R"({"always":0,"alwaysStr":"","alwaysBool":false,"alwaysList":[],"alwaysMap":{},)"
          R"("alwaysChild":{"always":0},"alwaysTime":null,"ptrAlways":null,"alwaysBytes":""})");
  }
  SECTION("present zero values") {
    Emission child;
    child.set_plain(0);
    child.set_ptr(0);
    child.set_plainstr("");
    child.set_ptrbool(false);
    child.set_plaindbl(0);
    child.mutable_time();  // a present zero Time is null
    std::string json = EncodeJson(child);
    CHECK(json.find(R"("plain")") == std::string::npos);
    CHECK(json.find(R"("plainStr")") == std::string::npos);
    CHECK(json.find(R"("plainDbl")") == std::string::npos);
    CHECK(json.find(R"("ptr":0)") != std::string::npos);
    CHECK(json.find(R"("ptrBool":false)") != std::string::npos);
    CHECK(json.find(R"("time":null)") != std::string::npos);
  }
  SECTION("non-zero values") {
    e.set_plain(3);
    e.set_always(4);
    e.add_list("x");
    e.mutable_child()->set_plainstr("c");
    std::string json = EncodeJson(e);
    CHECK(json.rfind(R"({"plain":3,"always":4,)", 0) == 0);
    CHECK(json.find(R"("list":["x"])") != std::string::npos);
    CHECK(json.find(R"("child":{"always":0,"plainStr":"c",)") != std::string::npos);
  }
}

TEST_CASE("EncodeJson writes an empty present message as {}", "[json][encode]") {
  Pod pod;
  pod.mutable_spec();
  pod.mutable_status();
  CHECK(EncodeJson(pod) == R"({"kind":"Pod","apiVersion":"v1","spec":{},"status":{}})");
}

TEST_CASE("EncodeJson type meta only at the top level", "[json][encode]") {
  PodList list;
  list.mutable_metadata()->set_resourceversion("7");
  list.add_items()->mutable_metadata()->set_name("a");
  CHECK(EncodeJson(list) ==
        R"({"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"7"},)"
        R"("items":[{"metadata":{"name":"a"}}]})");
  CHECK(EncodeJson(list, {.type_meta = false}) ==
        R"({"metadata":{"resourceVersion":"7"},"items":[{"metadata":{"name":"a"}}]})");
}

TEST_CASE("EncodeJson merges inline members into the enclosing object", "[json][encode]") {
  testing::Probe probe;
  probe.mutable_handler()->mutable_httpget()->set_path("/healthz");
  probe.mutable_handler()->mutable_httpget()->mutable_port()->set_intval(8080);
  probe.set_initialdelayseconds(3);
  CHECK(EncodeJson(probe) ==
        R"({"httpGet":{"path":"/healthz","port":8080},"initialDelaySeconds":3})");
  testing::Probe empty;
  CHECK(EncodeJson(empty) == "{}");
}

TEST_CASE("EncodeJson sorts map keys and encodes map values", "[json][encode]") {
  Scalars s;
  (*s.mutable_labels())["b"] = "2";
  (*s.mutable_labels())["a"] = "1";
  (*s.mutable_labels())["A"] = "0";
  (*s.mutable_bynumber())[10] = "ten";
  (*s.mutable_bynumber())[9] = "nine";
  (*s.mutable_counts())["zero"] = 0;  // map values are never omitted
  CHECK(EncodeJson(s) ==
        R"({"labels":{"A":"0","a":"1","b":"2"},"byNumber":{"10":"ten","9":"nine"},)"
        R"("counts":{"zero":0}})");
  Forms f;
  (*f.mutable_resources())["memory"].set_string("1Gi");
  (*f.mutable_resources())["cpu"].set_string("500m");
  CHECK(EncodeJson(f) == R"({"resources":{"cpu":"500m","memory":"1Gi"},"alwaysPort":0,)"
                         R"("alwaysQty":"0","alwaysDur":"0s","alwaysRaw":null})");
}

TEST_CASE("EncodeJson writes the JSON forms", "[json][encode][forms]") {
  Forms f;
  f.mutable_port()->set_type(1);
  f.mutable_port()->set_strval("http");
  f.mutable_qty()->set_string("1Gi");
  f.mutable_time()->set_seconds(1136214245);
  f.mutable_time()->set_nanos(999999999);
  f.mutable_micro()->set_seconds(1136214245);
  f.mutable_micro()->set_nanos(123456789);
  f.mutable_raw()->set_raw(R"( {"a": [1, 2.50, "x"], "b": null} )");
  f.mutable_dur()->set_duration(3723500000000);
  f.add_ports()->set_intval(80);
  f.add_ports();  // IntOrString zero: 0
  f.add_raws();   // empty raw: null
  f.add_raws()->set_raw("not json");
  f.add_times();
  f.mutable_ptrtime();
  CHECK(EncodeJson(f) ==
        R"({"port":"http","qty":"1Gi","time":"2006-01-02T15:04:05Z",)"
        R"("micro":"2006-01-02T15:04:05.123456Z","raw":{"a":[1,2.5,"x"],"b":null},)"
        R"("dur":"1h2m3.5s","ports":[80,0],"raws":[null,null],"times":[null],"ptrTime":null,)"
        R"("alwaysPort":0,"alwaysQty":"0","alwaysDur":"0s","alwaysRaw":null})");
}

TEST_CASE("EncodeJsonValue builds a RapidJSON value", "[json][encode]") {
  Pod pod;
  pod.mutable_metadata()->set_name("web");
  rapidjson::Document doc;
  EncodeJsonValue(pod, doc, doc.GetAllocator());
  REQUIRE(doc.IsObject());
  CHECK(std::string(doc["kind"].GetString()) == "Pod");
  CHECK(std::string(doc["metadata"]["name"].GetString()) == "web");
}

}  // namespace
}  // namespace kube::codec
