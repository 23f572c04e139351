# redress_warnings(<target>): the warning level for Redress's own code.
function(redress_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
  if(REDRESS_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
