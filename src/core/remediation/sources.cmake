# Sources of src/core/remediation
target_sources(scimitar_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/Change.cpp ${CMAKE_CURRENT_LIST_DIR}/Change.h
    ${CMAKE_CURRENT_LIST_DIR}/ChangeGuard.cpp ${CMAKE_CURRENT_LIST_DIR}/ChangeGuard.h
    ${CMAKE_CURRENT_LIST_DIR}/FindingChanges.cpp ${CMAKE_CURRENT_LIST_DIR}/FindingChanges.h
    ${CMAKE_CURRENT_LIST_DIR}/ScimPatch.cpp ${CMAKE_CURRENT_LIST_DIR}/ScimPatch.h
)
