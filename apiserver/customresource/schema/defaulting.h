#pragma once

// Defaulting of custom resources by their schema's `default`s (upstream's
// structural defaulting.Default), run after pruning when a custom resource is decoded
// or read from storage.

#include "rapidjson/document.h"

namespace kube::apiserver::crd_schema {

// Sets each missing property that has a default, and each null property, array item
// or additionalProperties value whose schema is not nullable, to a copy of its default;
// recursively, so defaults inside a defaulted value apply too. Only the structural
// skeleton is walked (properties, items, additionalProperties).
void ApplyDefaults(const rapidjson::Value& schema, rapidjson::Value& object,
                   rapidjson::Document::AllocatorType& allocator);

}  // namespace kube::apiserver::crd_schema
