#include "common/util/uuid.h"

#include <cstdio>
#include <random>

namespace kube::util {
namespace {

// Each thread seeds its own generator once; no state is shared between threads.
std::mt19937_64& Generator() {
  thread_local std::mt19937_64 generator{std::random_device{}()};
  return generator;
}

}  // namespace

std::string NewUuid() {
  uint64_t high = Generator()();
  uint64_t low = Generator()();
  high = (high & 0xffffffffffff0fffULL) | 0x0000000000004000ULL;  // version 4
  low = (low & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;    // RFC 4122 variant
  char text[37];
  std::snprintf(text, sizeof(text), "%08x-%04x-%04x-%04x-%012llx",
                static_cast<unsigned>(high >> 32), static_cast<unsigned>((high >> 16) & 0xffff),
                static_cast<unsigned>(high & 0xffff), static_cast<unsigned>(low >> 48),
                static_cast<unsigned long long>(low & 0xffffffffffffULL));
  return text;
}

std::string RandomSuffix(size_t length) {
  static constexpr char kAlphabet[] = "bcdfghjklmnpqrstvwxz2456789";
  std::uniform_int_distribution<size_t> pick(0, sizeof(kAlphabet) - 2);
  std::string suffix;
  for (size_t i = 0; i < length; ++i) suffix += kAlphabet[pick(Generator())];
  return suffix;
}

}  // namespace kube::util
