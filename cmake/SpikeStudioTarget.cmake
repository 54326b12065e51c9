# One place for the language level, warnings and defines that every SpikeStudio target gets.
function(spikestudio_target target)
  target_compile_features(${target} PUBLIC cxx_std_20)
  set_target_properties(${target} PROPERTIES CXX_EXTENSIONS OFF)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow)
  # Lets the compiler turn branch-free selects on doubles into vector blends and call the vector
  # maths library: we never enable floating-point traps nor read errno. Unlike -ffast-math this
  # keeps IEEE semantics, so NaN and infinity checks keep working.
  target_compile_options(${target} PRIVATE -fno-trapping-math -fno-math-errno)
  # No fused multiply-adds: GCC contracts a * b + c even in ISO C++ mode wherever the target has FMA
  # (the AVX-512 clones of sim/FastMath.h, -march=native), which gave those builds other bits than the
  # AVX2 and baseline clones.
  target_compile_options(${target} PRIVATE -ffp-contract=off)
  if(SPIKESTUDIO_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(SPIKESTUDIO_NATIVE)
    target_compile_options(${target} PRIVATE -march=native)
  endif()
  if(SPIKESTUDIO_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=${SPIKESTUDIO_SANITIZE} -fno-omit-frame-pointer)
    target_link_options(${target} PRIVATE -fsanitize=${SPIKESTUDIO_SANITIZE})
  endif()
  target_compile_definitions(${target} PRIVATE SPIKESTUDIO_VERSION="${PROJECT_VERSION}")
endfunction()
