# Sources of src/core/idp (identity-provider sources: Okta, Entra ID, files)
target_sources(scimitar_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/IdpDirectory.cpp ${CMAKE_CURRENT_LIST_DIR}/IdpDirectory.h
    ${CMAKE_CURRENT_LIST_DIR}/IdpSource.h
    ${CMAKE_CURRENT_LIST_DIR}/FileIdpSource.cpp ${CMAKE_CURRENT_LIST_DIR}/FileIdpSource.h
    ${CMAKE_CURRENT_LIST_DIR}/IdpLoader.cpp ${CMAKE_CURRENT_LIST_DIR}/IdpLoader.h
    ${CMAKE_CURRENT_LIST_DIR}/IdpSourceFactory.cpp ${CMAKE_CURRENT_LIST_DIR}/IdpSourceFactory.h
    ${CMAKE_CURRENT_LIST_DIR}/IdpLookupBatch.cpp ${CMAKE_CURRENT_LIST_DIR}/IdpLookupBatch.h
    ${CMAKE_CURRENT_LIST_DIR}/LinkHeader.cpp ${CMAKE_CURRENT_LIST_DIR}/LinkHeader.h
    ${CMAKE_CURRENT_LIST_DIR}/IdpUrl.cpp ${CMAKE_CURRENT_LIST_DIR}/IdpUrl.h
    ${CMAKE_CURRENT_LIST_DIR}/ODataQuery.cpp ${CMAKE_CURRENT_LIST_DIR}/ODataQuery.h
    ${CMAKE_CURRENT_LIST_DIR}/OktaError.cpp ${CMAKE_CURRENT_LIST_DIR}/OktaError.h
    ${CMAKE_CURRENT_LIST_DIR}/OktaPager.cpp ${CMAKE_CURRENT_LIST_DIR}/OktaPager.h
    ${CMAKE_CURRENT_LIST_DIR}/OktaSource.cpp ${CMAKE_CURRENT_LIST_DIR}/OktaSource.h
    ${CMAKE_CURRENT_LIST_DIR}/EntraSettings.cpp ${CMAKE_CURRENT_LIST_DIR}/EntraSettings.h
    ${CMAKE_CURRENT_LIST_DIR}/EntraError.cpp ${CMAKE_CURRENT_LIST_DIR}/EntraError.h
    ${CMAKE_CURRENT_LIST_DIR}/EntraTokenProvider.cpp ${CMAKE_CURRENT_LIST_DIR}/EntraTokenProvider.h
    ${CMAKE_CURRENT_LIST_DIR}/EntraPager.cpp ${CMAKE_CURRENT_LIST_DIR}/EntraPager.h
    ${CMAKE_CURRENT_LIST_DIR}/EntraSource.cpp ${CMAKE_CURRENT_LIST_DIR}/EntraSource.h
)
