#pragma once

// The Kubernetes codec in one include: any API message to and from Kubernetes JSON,
// YAML manifests to JSON and back, and the protobuf envelope. See each header for the
// contracts; every function is thread-safe and none throws.

#include "common/codec/envelope.h"     // DecodeProtobufEnvelope, EncodeProtobufEnvelope
#include "common/codec/go_duration.h"  // FormatGoDuration, ParseGoDuration
#include "common/codec/json_decode.h"  // DecodeJson, DecodeJsonValue
#include "common/codec/json_encode.h"  // EncodeJson, EncodeJsonValue, EncodeOptions
#include "common/codec/json_text.h"    // ParseJson, WriteJson
#include "common/codec/rfc3339.h"      // FormatRfc3339, ParseRfc3339
#include "common/codec/yaml.h"         // YamlToJson, JsonToYaml
#include "common/codec/zero_values.h"  // ClearZeroValues
