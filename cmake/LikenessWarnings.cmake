# likeness_target_defaults(target): warnings, sanitizers and tuning shared by every target.
function(likeness_target_defaults target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wno-unknown-pragmas)
  if(LIKENESS_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(LIKENESS_NATIVE)
    target_compile_options(${target} PRIVATE -march=native)
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
      # GCC 12's own AVX-512 intrinsic headers trip -Wmaybe-uninitialized on their internal
      # __Y temporaries once Eigen inlines them (GCC bug 105593, fixed in GCC 13).
      target_compile_options(${target} PRIVATE -Wno-maybe-uninitialized)
    endif()
  endif()
  if(LIKENESS_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
endfunction()
