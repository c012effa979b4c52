# Sources of src/core/drift
target_sources(scimitar_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/DriftEngine.cpp ${CMAKE_CURRENT_LIST_DIR}/DriftEngine.h
    ${CMAKE_CURRENT_LIST_DIR}/DriftReport.cpp ${CMAKE_CURRENT_LIST_DIR}/DriftReport.h
    ${CMAKE_CURRENT_LIST_DIR}/DriftReview.cpp ${CMAKE_CURRENT_LIST_DIR}/DriftReview.h
    ${CMAKE_CURRENT_LIST_DIR}/DriftReviewResult.h
    ${CMAKE_CURRENT_LIST_DIR}/Finding.cpp ${CMAKE_CURRENT_LIST_DIR}/Finding.h
    ${CMAKE_CURRENT_LIST_DIR}/FindingCsv.cpp ${CMAKE_CURRENT_LIST_DIR}/FindingCsv.h
    ${CMAKE_CURRENT_LIST_DIR}/FindingJson.cpp ${CMAKE_CURRENT_LIST_DIR}/FindingJson.h
    ${CMAKE_CURRENT_LIST_DIR}/IdpIndex.cpp ${CMAKE_CURRENT_LIST_DIR}/IdpIndex.h
    ${CMAKE_CURRENT_LIST_DIR}/ManagedGroupDiff.cpp ${CMAKE_CURRENT_LIST_DIR}/ManagedGroupDiff.h
    ${CMAKE_CURRENT_LIST_DIR}/ServicePrincipalAccess.cpp ${CMAKE_CURRENT_LIST_DIR}/ServicePrincipalAccess.h
)
