#pragma once

// A vector per nesting level of a walk, kept per thread, for walks over message trees
// that would otherwise allocate one vector per message. Internal to the codec.

#include <memory>
#include <vector>

namespace kube::codec::internal {

// Lives on the stack and starts empty. Instances of one T on one thread must be
// destroyed in reverse order of construction (scoped use does that).
template <typename T>
class ScratchVector {
 public:
  ScratchVector() {
    Pool& pool = pool_;
    if (pool.used == pool.vectors.size()) {
      pool.vectors.push_back(std::make_unique<std::vector<T>>());
    }
    vector_ = pool.vectors[pool.used++].get();
    vector_->clear();
  }
  ~ScratchVector() {
    if (vector_->capacity() > kMaxKept) std::vector<T>().swap(*vector_);
    --pool_.used;
  }
  ScratchVector(const ScratchVector&) = delete;
  ScratchVector& operator=(const ScratchVector&) = delete;

  std::vector<T>& operator*() const { return *vector_; }
  std::vector<T>* operator->() const { return vector_; }

 private:
  // Vectors that grew past this (a huge list) are not kept.
  static constexpr size_t kMaxKept = 4096;

  struct Pool {
    std::vector<std::unique_ptr<std::vector<T>>> vectors;
    size_t used = 0;  // vectors[0, used) are taken
  };
  static thread_local Pool pool_;

  std::vector<T>* vector_;
};

template <typename T>
thread_local typename ScratchVector<T>::Pool ScratchVector<T>::pool_;

}  // namespace kube::codec::internal
