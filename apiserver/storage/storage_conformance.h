#pragma once

// The backend-independent Storage conformance suite: everything storage.h promises,
// and nothing more, so every backend (sqlite, etcd) runs it unchanged.
//
//   STORAGE_CONFORMANCE_TESTS("sqlite", [&] { return NewStoreInTempDir(); })
//
// expands to Catch2 TEST_CASEs tagged [conformance]. The factory (everything after
// the name, so commas are fine) is called once per case and must return a fresh,
// empty store as std::unique_ptr<Storage>.

#include <catch2/catch.hpp>

#include <memory>

#include "apiserver/storage/storage.h"
#include "apiserver/storage/storage_conformance_kv.h"
#include "apiserver/storage/storage_conformance_watch.h"

#define KUBE_STORAGE_CONFORMANCE_CASE(backend, title, function, ...)        \
  TEST_CASE(backend " conformance: " title, "[conformance]") {              \
    std::unique_ptr<::kube::storage::Storage> store = (__VA_ARGS__)();      \
    REQUIRE(store != nullptr);                                              \
    ::kube::storage::conformance::function(*store);                         \
  }

#define STORAGE_CONFORMANCE_TESTS(backend, ...)                                              \
  KUBE_STORAGE_CONFORMANCE_CASE(backend, "create, get and their errors",                     \
                                CreateGetAndErrors, __VA_ARGS__)                             \
  KUBE_STORAGE_CONFORMANCE_CASE(backend, "update, delete and their errors",                  \
                                UpdateDeleteAndErrors, __VA_ARGS__)                          \
  KUBE_STORAGE_CONFORMANCE_CASE(backend, "revisions increase across all writes",             \
                                RevisionsIncreaseAcrossAllWrites, __VA_ARGS__)               \
  KUBE_STORAGE_CONFORMANCE_CASE(backend, "list by prefix in key order",                      \
                                ListByPrefixInKeyOrder, __VA_ARGS__)                         \
  KUBE_STORAGE_CONFORMANCE_CASE(backend, "list at an older revision", ListAtOlderRevision,   \
                                __VA_ARGS__)                                                 \
  KUBE_STORAGE_CONFORMANCE_CASE(backend, "list paginates at one revision",                   \
                                ListPaginatesAtOneRevision, __VA_ARGS__)                     \
  KUBE_STORAGE_CONFORMANCE_CASE(backend, "watch from now sees only live events",             \
                                WatchFromNowSeesOnlyLiveEvents, __VA_ARGS__)                 \
  KUBE_STORAGE_CONFORMANCE_CASE(backend, "watch filters by prefix", WatchFiltersByPrefix,    \
                                __VA_ARGS__)                                                 \
  KUBE_STORAGE_CONFORMANCE_CASE(backend, "watch replays history then live without gaps",     \
                                WatchReplaysHistoryThenLiveWithoutGaps, __VA_ARGS__)         \
  KUBE_STORAGE_CONFORMANCE_CASE(backend, "compact forgets old revisions only",               \
                                CompactForgetsOldRevisionsOnly, __VA_ARGS__)                 \
  KUBE_STORAGE_CONFORMANCE_CASE(backend, "concurrent writers lose no update",                \
                                ConcurrentWritersLoseNoUpdate, __VA_ARGS__)                  \
  KUBE_STORAGE_CONFORMANCE_CASE(backend, "slow watcher does not block writers",              \
                                SlowWatcherDoesNotBlockWriters, __VA_ARGS__)
